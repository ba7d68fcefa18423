package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Risk scoring, risk integrations and threat intel. */
class RiskIntelTest {
  private CfSimulator sim;
  private SimHttp c;
  private String risk;
  private String acct;

  @BeforeEach
  void start() {
    sim =
        CfSimulator.start(
            Seeds.demo().clock(Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC)));
    c = SimHttp.demo(sim);
    acct = "/accounts/" + Seeds.DEMO_ACCOUNT_ID;
    risk = acct + "/zt_risk_scoring";
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Map<String, JsonObject> summaryByUser() {
    SimHttp.Resp r = c.get(risk + "/summary");
    assertEquals(200, r.status());
    assertTrue(r.result().isJsonObject()); // an object holding users, not an array
    Map<String, JsonObject> out = new HashMap<>();
    for (JsonElement e : r.obj().getAsJsonArray("users")) {
      out.put(e.getAsJsonObject().get("user_id").getAsString(), e.getAsJsonObject());
    }
    return out;
  }

  @Test
  void summaryListsUsersWithEvents() {
    Map<String, JsonObject> users = summaryByUser();
    assertEquals(4, users.size());
    JsonObject rafael = users.get(Seeds.DEMO_ACCESS_USER_RAFAEL);
    assertEquals("high", rafael.get("max_risk_level").getAsString());
    assertEquals(3, rafael.get("event_count").getAsInt());
    assertEquals("2025-06-30T02:22:22Z", rafael.get("last_event").getAsString());
    assertEquals("rafael.costa@partner.example", rafael.get("email").getAsString());
    assertEquals(
        "medium", users.get(Seeds.DEMO_ACCESS_USER_ANA).get("max_risk_level").getAsString());
    assertFalse(users.containsKey(Seeds.DEMO_ACCESS_USER_SOFIA)); // reset, no events
  }

  @Test
  void userDetails() {
    JsonObject ana = c.get(risk + "/" + Seeds.DEMO_ACCESS_USER_ANA).obj();
    assertEquals("Ana Ruiz", ana.get("name").getAsString());
    assertEquals("medium", ana.get("risk_level").getAsString());
    assertTrue(ana.get("last_reset_time").isJsonNull());
    JsonObject ev = ana.getAsJsonArray("events").get(0).getAsJsonObject();
    assertEquals("Impossible travel", ev.get("name").getAsString());
    assertEquals("BR", ev.getAsJsonObject("event_details").get("to").getAsString());

    JsonObject sofia = c.get(risk + "/" + Seeds.DEMO_ACCESS_USER_SOFIA).obj();
    assertEquals("2025-06-01T12:00:00Z", sofia.get("last_reset_time").getAsString());
    assertEquals(0, sofia.getAsJsonArray("events").size());

    JsonObject never = c.get(risk + "/" + Seeds.DEMO_ACCESS_USER_NEVER_LOGGED_IN).obj();
    assertFalse(never.has("risk_level"));
    assertEquals(0, never.getAsJsonArray("events").size());

    SimHttp.Resp unknown = c.get(risk + "/00000000-0000-4000-8000-000000000000");
    assertEquals(404, unknown.status());
    assertEquals(Wire.CODE_NOT_FOUND, unknown.errorCode());
  }

  @Test
  void resetClearsRisk() {
    SimHttp.Resp r = c.post(risk + "/" + Seeds.DEMO_ACCESS_USER_RAFAEL + "/reset", null);
    assertEquals(200, r.status());
    assertTrue(r.success());
    assertTrue(r.result().isJsonNull());
    JsonObject after = c.get(risk + "/" + Seeds.DEMO_ACCESS_USER_RAFAEL).obj();
    assertEquals("low", after.get("risk_level").getAsString());
    assertEquals(0, after.getAsJsonArray("events").size());
    assertEquals("2026-02-03T04:05:06Z", after.get("last_reset_time").getAsString());
    assertFalse(summaryByUser().containsKey(Seeds.DEMO_ACCESS_USER_RAFAEL));
    assertEquals(404, c.post(risk + "/00000000-0000-4000-8000-000000000000/reset", null).status());
  }

  @Test
  void disabledRiskScoringIs404WithItsOwnCode() {
    sim.account().riskScoringEnabled(false);
    for (String p : new String[] {"/summary", "/" + Seeds.DEMO_ACCESS_USER_ANA, "/integrations"}) {
      SimHttp.Resp r = c.get(risk + p);
      assertEquals(404, r.status(), p);
      assertEquals(Wire.CODE_RISK_DISABLED, r.errorCode(), p);
    }
    sim.account().riskScoringEnabled(true).denyPermission("risk");
    SimHttp.Resp denied = c.get(risk + "/summary");
    assertEquals(403, denied.status());
    assertEquals(Wire.CODE_AUTH_ERROR, denied.errorCode());
  }

  @Test
  void integrationsCrud() {
    String base = risk + "/integrations";
    SimHttp.Resp list = c.get(base);
    assertEquals(1, list.arr().size());
    assertEquals(Seeds.DEMO_INTEGRATION_OKTA, list.ids().get(0));
    SimHttp.Resp byRef = c.get(base + "/reference_id/" + Seeds.DEMO_IDP_OKTA);
    assertEquals(Seeds.DEMO_INTEGRATION_OKTA, byRef.obj().get("id").getAsString());
    assertEquals(1, byRef.info().get("count").getAsInt()); // result_info even on one object

    assertEquals(
        400,
        c.post(base, "{\"integration_type\":\"Azure\",\"tenant_url\":" + "\"https://x.example\"}")
            .status());
    assertEquals(
        400, c.post(base, "{\"integration_type\":\"Okta\",\"tenant_url\":\"not a url\"}").status());
    assertEquals(400, c.post(base, "{\"integration_type\":\"Okta\"}").status());
    SimHttp.Resp created =
        c.post(
            base,
            "{\"integration_type\":\"Okta\",\"tenant_url\":"
                + "\"https://second.okta.example\",\"reference_id\":\"ref-2\"}");
    assertEquals(200, created.status(), created.raw());
    JsonObject i = created.obj();
    String id = i.get("id").getAsString();
    assertEquals(Seeds.DEMO_ACCOUNT_ID, i.get("account_tag").getAsString());
    assertTrue(i.get("active").getAsBoolean());
    assertEquals("2026-02-03T04:05:06Z", i.get("created_at").getAsString());
    assertEquals(
        "/.well-known/sse-configuration/" + id + "/", i.get("well_known_url").getAsString());

    assertEquals(400, c.put(base + "/" + id, "{\"tenant_url\":\"https://x.example\"}").status());
    SimHttp.Resp updated =
        c.put(base + "/" + id, "{\"active\":false,\"tenant_url\":\"https://third.okta.example\"}");
    assertEquals(200, updated.status());
    assertFalse(updated.obj().get("active").getAsBoolean());
    assertEquals("", updated.obj().get("reference_id").getAsString(), "required, not nullable");
    assertEquals(
        "https://third.okta.example", c.get(base + "/" + id).obj().get("tenant_url").getAsString());

    SimHttp.Resp deleted = c.delete(base + "/" + id);
    assertEquals(200, deleted.status());
    assertEquals(0, deleted.obj().size());
    assertEquals(404, c.get(base + "/" + id).status());
    assertEquals(404, c.get(base + "/reference_id/ref-2").status());
  }

  @Test
  void intelIpIsAnArray() {
    SimHttp.Resp v4 = c.get(acct + "/intel/ip?ipv4=203.0.113.7");
    assertEquals(200, v4.status());
    JsonArray items = v4.arr();
    assertEquals(1, items.size());
    JsonObject item = items.get(0).getAsJsonObject();
    assertEquals("203.0.113.7", item.get("ip").getAsString());
    assertEquals(
        "hosting_provider", item.getAsJsonObject("belongs_to_ref").get("type").getAsString());
    assertEquals(
        "Phishing",
        item.getAsJsonArray("risk_types").get(0).getAsJsonObject().get("name").getAsString());

    JsonObject v6 = c.get(acct + "/intel/ip?ipv6=2001:DB8:0::BAD:1").arr().get(0).getAsJsonObject();
    assertEquals(
        "Botnet",
        v6.getAsJsonArray("risk_types").get(0).getAsJsonObject().get("name").getAsString());

    JsonObject unknown =
        c.get(acct + "/intel/ip?ipv4=198.51.100.200").arr().get(0).getAsJsonObject();
    assertEquals(0, unknown.getAsJsonArray("risk_types").size());
    assertEquals(2, c.get(acct + "/intel/ip?ipv4=192.0.2.44&ipv6=2001:db8::1").arr().size());
    assertEquals(400, c.get(acct + "/intel/ip").status());
    assertEquals(400, c.get(acct + "/intel/ip?ipv4=300.1.1.1").status());
    assertEquals(400, c.get(acct + "/intel/ip?ipv6=example.com").status());
  }

  @Test
  void intelDomainIsAnObject() {
    JsonObject bad = c.get(acct + "/intel/domain?domain=login-example.net").obj();
    assertEquals(0.87, bad.get("risk_score").getAsDouble(), 1e-9);
    assertFalse(bad.has("popularity_rank"), "unranked: absent, the schema has no null for it");
    assertEquals(
        "Phishing",
        bad.getAsJsonArray("risk_types").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals(
        "203.0.113.7",
        bad.getAsJsonArray("resolves_to_refs").get(0).getAsJsonObject().get("value").getAsString());
    assertTrue(
        bad.getAsJsonArray("resolves_to_refs")
            .get(0)
            .getAsJsonObject()
            .get("id")
            .getAsString()
            .startsWith("ipv4-addr--"));
    assertEquals(
        "QakBot",
        bad.getAsJsonObject("additional_information")
            .get("suspected_malware_family")
            .getAsString());

    JsonObject unknown = c.get(acct + "/intel/domain?domain=never-seen.example").obj();
    assertEquals("never-seen.example", unknown.get("domain").getAsString());
    assertEquals(0.0, unknown.get("risk_score").getAsDouble(), 0);
    assertEquals(0, unknown.getAsJsonArray("content_categories").size());
    assertEquals(400, c.get(acct + "/intel/domain").status());
    assertEquals(400, c.get(acct + "/intel/domain?domain=not%20a%20domain").status());
  }

  @Test
  void intelDomainKnowsALookAlikeAndAcceptsIdnTopLevelDomains() {
    JsonObject lookAlike =
        c.get(acct + "/intel/domain?domain=" + Seeds.DEMO_DOMAIN_LOOKALIKE).obj();
    assertEquals(
        "Phishing",
        lookAlike.getAsJsonArray("risk_types").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals(0.95, lookAlike.get("risk_score").getAsDouble(), 1e-9);
    SimHttp.Resp idnTld = c.get(acct + "/intel/domain?domain=xn--e1afmkfd.xn--p1ai");
    assertEquals(200, idnTld.status());
    assertEquals(0, idnTld.obj().getAsJsonArray("risk_types").size());
    assertEquals(400, c.get(acct + "/intel/domain?domain=example.x1").status());
  }
}
