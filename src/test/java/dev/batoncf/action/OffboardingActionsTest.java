package dev.batoncf.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The off-boarding actions end to end against the simulator on 127.0.0.1. */
class OffboardingActionsTest {
  private final ActionRegistry registry = ActionRegistry.standard();
  private CfSimulator sim;
  private CloudflareClient client;
  private SecurityClient security;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    client = Clients.demo(sim.baseUrl());
    security = new SecurityClient(client);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private JsonObject run(String action, String args) {
    return registry
        .prepare(action, JsonParser.parseString(args).getAsJsonObject(), true)
        .run(security);
  }

  @Test
  void revokeAccessSessionsPostsTheEmailToRevokeUser() {
    JsonObject r = run("revoke_access_sessions", "{\"email\":\"Rafael.Costa@partner.example\"}");
    assertTrue(r.get("success").getAsBoolean(), r.toString());
    assertEquals("Rafael.Costa@partner.example", r.get("email").getAsString());
    assertFalse(r.has("message"));
    List<RequestLog.Recorded> sent = sim.requests().matching("POST", Paths.REVOKE_USER);
    assertEquals(1, sent.size());
    assertEquals("{\"email\":\"Rafael.Costa@partner.example\"}", sent.get(0).body());
    assertEquals(List.of("rafael.costa@partner.example"), sim.account().apps().revokedUsers());
  }

  @Test
  void revokeForAnEmailCloudflareDoesNotKnowSaysNothingWasRevoked() {
    JsonObject r = run("revoke_access_sessions", "{\"email\":\"nobody@acme.example\"}");
    assertFalse(r.get("success").getAsBoolean());
    assertTrue(r.get("message").getAsString().startsWith("Cloudflare revoked nothing"));
    assertEquals(List.of(), sim.account().apps().revokedUsers());
  }

  @Test
  void revokeAppTokensIsOnePostForThatApp() {
    JsonObject r = run("revoke_app_tokens", "{\"app_id\":\"" + Seeds.DEMO_APP_GRAFANA + "\"}");
    assertTrue(r.get("success").getAsBoolean(), r.toString());
    assertTrue(r.get("found").getAsBoolean());
    assertEquals(Map.of(Seeds.DEMO_APP_GRAFANA, 1), sim.account().apps().tokenRevocations());
    assertEquals(1, sim.requests().count("POST", Paths.ACCESS_APP_REVOKE_TOKENS));
  }

  @Test
  void revokeAppTokensOfAnUnknownAppIsANotFoundResult() {
    JsonObject r =
        run("revoke_app_tokens", "{\"app_id\":\"00000000-0000-4000-8000-000000000000\"}");
    assertFalse(r.get("success").getAsBoolean());
    assertFalse(r.get("found").getAsBoolean());
    assertEquals(
        "no Access application has this id; nothing was revoked", r.get("message").getAsString());
    assertEquals(Map.of(), sim.account().apps().tokenRevocations());
  }

  @Test
  void bothAreWritesAndSendNothingWithoutProvisioning() {
    for (String[] call :
        List.of(
            new String[] {"revoke_access_sessions", "{\"email\":\"ana.ruiz@acme.example\"}"},
            new String[] {"revoke_app_tokens", "{\"app_id\":\"" + Seeds.DEMO_APP_WIKI + "\"}"})) {
      assertThrows(
          WriteRefusedException.class,
          () ->
              registry.prepare(call[0], JsonParser.parseString(call[1]).getAsJsonObject(), false));
    }
    assertEquals(0, sim.requests().all().size());
  }
}
