package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {
  private CfSimulator sim;
  private String acct;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    acct = "/accounts/" + Seeds.DEMO_ACCOUNT_ID;
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void bindsLoopbackOnly() {
    assertTrue(sim.baseUrl().startsWith("http://127.0.0.1:"));
    assertTrue(sim.baseUrl().endsWith("/client/v4"));
    assertTrue(sim.port() > 0);
  }

  @Test
  void tokenAuthReadsAccount() {
    SimHttp.Resp r = SimHttp.demo(sim).get(acct);
    assertEquals(200, r.status());
    assertTrue(r.success());
    assertEquals(Seeds.DEMO_ACCOUNT_ID, r.obj().get("id").getAsString());
    assertEquals(Seeds.DEMO_ACCOUNT_NAME, r.obj().get("name").getAsString());
    assertEquals("standard", r.obj().get("type").getAsString());
    assertFalse(r.obj().getAsJsonObject("settings").get("enforce_twofactor").getAsBoolean());
    assertEquals(0, r.json().getAsJsonArray("errors").size());
  }

  @Test
  void globalKeyAuthReadsAccount() {
    SimHttp.Resp r = SimHttp.key(sim, Seeds.DEMO_EMAIL, Seeds.DEMO_API_KEY).get(acct);
    assertEquals(200, r.status());
    assertEquals(Seeds.DEMO_ACCOUNT_ID, r.obj().get("id").getAsString());
  }

  @Test
  void missingOrWrongCredentialsAre401() {
    for (SimHttp c :
        new SimHttp[] {
          SimHttp.headers(sim),
          SimHttp.token(sim, "nope"),
          SimHttp.key(sim, Seeds.DEMO_EMAIL, "wrong-key"),
          SimHttp.key(sim, "someone@else.example", Seeds.DEMO_API_KEY)
        }) {
      SimHttp.Resp r = c.get(acct + "/members");
      assertEquals(401, r.status());
      assertFalse(r.success());
      assertEquals(Wire.CODE_AUTH_ERROR, r.errorCode());
      assertEquals("Authentication error", r.errorMessage());
      assertTrue(r.json().get("result").isJsonNull());
    }
  }

  @Test
  void bothSchemesAtOnceAre400() {
    SimHttp both =
        SimHttp.headers(
            sim,
            "Authorization",
            "Bearer " + Seeds.DEMO_API_TOKEN,
            "X-Auth-Email",
            Seeds.DEMO_EMAIL,
            "X-Auth-Key",
            Seeds.DEMO_API_KEY);
    SimHttp.Resp r = both.get(acct);
    assertEquals(400, r.status());
    assertEquals(Wire.CODE_INVALID_HEADERS, r.errorCode());
    // the Go peer's bug: key auth plus an empty Bearer header
    SimHttp emptyBearer =
        SimHttp.headers(
            sim,
            "Authorization",
            "Bearer ",
            "X-Auth-Email",
            Seeds.DEMO_EMAIL,
            "X-Auth-Key",
            Seeds.DEMO_API_KEY);
    assertEquals(400, emptyBearer.get(acct).status());
    // the other peer bug: token auth plus a stray X-Auth-Email
    SimHttp strayEmail =
        SimHttp.headers(
            sim,
            "Authorization",
            "Bearer " + Seeds.DEMO_API_TOKEN,
            "X-Auth-Email",
            Seeds.DEMO_EMAIL);
    assertEquals(400, strayEmail.get(acct).status());
  }

  @Test
  void incompleteKeyPairIs400() {
    SimHttp.Resp r = SimHttp.headers(sim, "X-Auth-Email", Seeds.DEMO_EMAIL).get(acct);
    assertEquals(400, r.status());
    assertEquals(Wire.CODE_INVALID_HEADERS, r.errorCode());
  }

  @Test
  void otherAccountIs403AndMalformedAccountIs404() {
    SimHttp.Resp other =
        SimHttp.demo(sim).get("/accounts/0123456789abcdef0123456789abcdef/members");
    assertEquals(403, other.status());
    assertEquals(Wire.CODE_UNAUTHORIZED_RESOURCE, other.errorCode());
    assertEquals("Unauthorized to access requested resource", other.errorMessage());
    SimHttp.Resp malformed = SimHttp.demo(sim).get("/accounts/not-an-id/members");
    assertEquals(404, malformed.status());
    assertEquals(Wire.CODE_NO_ROUTE, malformed.errorCode());
  }

  @Test
  void unknownRouteIs7003ButCredentialsAreCheckedFirst() {
    SimHttp.Resp r = SimHttp.demo(sim).get(acct + "/workers/scripts");
    assertEquals(404, r.status());
    assertEquals(Wire.CODE_NO_ROUTE, r.errorCode());
    assertEquals("No route for the URI", r.errorMessage());
    assertEquals(401, SimHttp.token(sim, "bad").get(acct + "/workers/scripts").status());
    assertEquals(404, SimHttp.demo(sim).send("PATCH", acct + "/members", "{}").status());
  }

  @Test
  void verifyAccountAndUserTokens() {
    SimHttp.Resp acctVerify = SimHttp.demo(sim).get(acct + "/tokens/verify");
    assertEquals(200, acctVerify.status());
    assertEquals(Seeds.DEMO_TOKEN_ID, acctVerify.obj().get("id").getAsString());
    assertEquals("active", acctVerify.obj().get("status").getAsString());
    SimHttp.Resp wrongKind = SimHttp.demo(sim).get("/user/tokens/verify");
    assertEquals(401, wrongKind.status());
    assertEquals(Wire.CODE_INVALID_TOKEN, wrongKind.errorCode());

    SimHttp user = SimHttp.token(sim, Seeds.DEMO_USER_API_TOKEN);
    SimHttp.Resp userVerify = user.get("/user/tokens/verify");
    assertEquals(200, userVerify.status());
    assertEquals(Seeds.DEMO_USER_TOKEN_ID, userVerify.obj().get("id").getAsString());
    assertEquals(401, user.get(acct + "/tokens/verify").status());
    // a user token still reads the account's data
    assertEquals(200, user.get(acct + "/members").status());
  }

  @Test
  void verifyRefusesKeyAuth() {
    SimHttp key = SimHttp.key(sim, Seeds.DEMO_EMAIL, Seeds.DEMO_API_KEY);
    for (String p : new String[] {"/user/tokens/verify", acct + "/tokens/verify"}) {
      SimHttp.Resp r = key.get(p);
      assertEquals(400, r.status());
      assertEquals(Wire.CODE_INVALID_HEADERS, r.errorCode());
    }
  }

  @Test
  void tokensListRefusesKeyAuthWith9109() {
    SimHttp key = SimHttp.key(sim, Seeds.DEMO_EMAIL, Seeds.DEMO_API_KEY);
    SimHttp.Resp list = key.get(acct + "/tokens");
    assertEquals(403, list.status());
    assertEquals(Wire.CODE_UNAUTHORIZED_RESOURCE, list.errorCode());
    assertEquals(403, key.get(acct + "/tokens/" + Seeds.DEMO_TOKEN_TERRAFORM).status());
    assertEquals(200, SimHttp.demo(sim).get(acct + "/tokens").status());
  }

  @Test
  void deniedPermissionAreaAnswers403Code10000() {
    sim.account().denyPermission("tokens").denyPermission("access");
    SimHttp c = SimHttp.demo(sim);
    SimHttp.Resp tokens = c.get(acct + "/tokens");
    assertEquals(403, tokens.status());
    assertEquals(Wire.CODE_AUTH_ERROR, tokens.errorCode());
    assertEquals(403, c.get(acct + "/access/users").status());
    assertEquals(403, c.get(acct + "/access/groups/" + Seeds.DEMO_GROUP_ENGINEERING).status());
    assertEquals(200, c.get(acct + "/members").status());
    assertEquals(200, c.get(acct + "/tokens/verify").status()); // verify needs no permission
    sim.account().allowPermission("access");
    assertEquals(200, c.get(acct + "/access/users").status());
  }

  @Test
  void disabledTokenVerifiesButCannotRead() {
    sim.account()
        .acceptApiToken(
            "disabled-secret",
            new SimAccount.ApiToken(
                "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1", false, Wire.TOKEN_DISABLED, null, null));
    SimHttp c = SimHttp.token(sim, "disabled-secret");
    SimHttp.Resp v = c.get("/user/tokens/verify");
    assertEquals(200, v.status());
    assertEquals("disabled", v.obj().get("status").getAsString());
    assertEquals(401, c.get(acct).status());
  }

  @Test
  void accountTokenStatusFollowsTheTokensList() {
    sim.account().acceptApiToken("expired-secret", Seeds.DEMO_TOKEN_EXPIRED, true);
    SimHttp.Resp v = SimHttp.token(sim, "expired-secret").get(acct + "/tokens/verify");
    assertEquals(200, v.status());
    assertEquals("expired", v.obj().get("status").getAsString());
    assertEquals("2024-06-30T00:00:00Z", v.obj().get("expires_on").getAsString());
  }

  @Test
  void requestLogRedactsCredentials() {
    SimHttp.demo(sim).get(acct);
    SimHttp.key(sim, Seeds.DEMO_EMAIL, Seeds.DEMO_API_KEY).get(acct);
    RequestLog.Recorded first = sim.requests().all().get(0);
    RequestLog.Recorded second = sim.requests().all().get(1);
    assertEquals("Bearer ****", first.header("Authorization"));
    assertFalse(first.hasHeader("X-Auth-Key"));
    assertEquals("****", second.header("x-auth-key"));
    assertEquals(Seeds.DEMO_EMAIL, second.header("X-Auth-Email"));
    assertNull(second.header("Authorization"));
    String dump = sim.requests().all().toString();
    assertFalse(dump.contains(Seeds.DEMO_API_TOKEN));
    assertFalse(dump.contains(Seeds.DEMO_API_KEY));
  }
}
