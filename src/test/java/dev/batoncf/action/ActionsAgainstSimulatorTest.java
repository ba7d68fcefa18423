package dev.batoncf.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimIntegration;
import dev.batoncf.simulator.SimRisk;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every action end to end: registry → SecurityClient → OkHttp stack → simulator on 127.0.0.1. */
class ActionsAgainstSimulatorTest {
  private static final String NOW = "2026-02-03T04:05:06Z";
  private static final String ACCT = "/accounts/" + Seeds.DEMO_ACCOUNT_ID;

  private final ActionRegistry registry = ActionRegistry.standard();
  private CfSimulator sim;
  private CloudflareClient client;
  private SecurityClient security;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo().clock(Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC)));
    client = Clients.demo(sim.baseUrl());
    security = new SecurityClient(client);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private JsonObject run(String action, String args, boolean provisioning) {
    return registry
        .prepare(action, JsonParser.parseString(args).getAsJsonObject(), provisioning)
        .run(security);
  }

  private JsonObject read(String action, String args) {
    return run(action, args, false);
  }

  private static List<String> strings(JsonArray a) {
    return a.asList().stream().map(e -> e.getAsString()).toList();
  }

  // ---------------------------------------------------------------- intel

  @Test
  void ipOverviewOfARiskyIpv4() {
    JsonObject r = read("get_ip_overview", "{\"ip\":\"203.0.113.7\"}");
    assertEquals("203.0.113.7", r.get("ip").getAsString());
    assertTrue(r.get("riskFound").getAsBoolean());
    assertEquals(List.of("Phishing", "Anonymizer"), strings(r.getAsJsonArray("riskTypes")));
    assertEquals("64500", r.get("asn").getAsString());
    assertEquals("EXAMPLE-HOSTING", r.get("asnDescription").getAsString());
    assertEquals("hosting_provider", r.get("ownerType").getAsString());
    assertEquals("NL", r.get("country").getAsString());
    JsonObject raw = r.getAsJsonObject("result");
    assertEquals(
        131, raw.getAsJsonArray("risk_types").get(0).getAsJsonObject().get("id").getAsInt());
    assertEquals("203.0.113.7", raw.get("ip").getAsString());
    RequestLog.Recorded sent = sim.requests().matching("GET", Paths.INTEL_IP).get(0);
    assertEquals("203.0.113.7", sent.query().get("ipv4"));
    assertFalse(sent.query().containsKey("ipv6"));
  }

  @Test
  void ipOverviewOfAnIpv6GoesAsIpv6() {
    JsonObject r = read("get_ip_overview", "{\"ip\":\"2001:db8::bad:1\"}");
    assertTrue(r.get("riskFound").getAsBoolean());
    assertEquals(List.of("Botnet"), strings(r.getAsJsonArray("riskTypes")));
    assertEquals("SG", r.get("country").getAsString());
    RequestLog.Recorded sent = sim.requests().matching("GET", Paths.INTEL_IP).get(0);
    assertEquals("2001:db8::bad:1", sent.query().get("ipv6"));
    assertFalse(sent.query().containsKey("ipv4"));
  }

  @Test
  void ipOverviewWithoutRisk() {
    JsonObject r = read("get_ip_overview", "{\"ip\":\"198.51.100.23\"}");
    assertFalse(r.get("riskFound").getAsBoolean());
    assertEquals(0, r.getAsJsonArray("riskTypes").size());
    assertEquals("isp", r.get("ownerType").getAsString());
    assertEquals("DE", r.get("country").getAsString());
  }

  @Test
  void domainOverviewOfARiskyDomain() {
    JsonObject r = read("get_domain_overview", "{\"domain\":\"Login-Example.NET\"}");
    assertEquals("login-example.net", r.get("domain").getAsString());
    assertTrue(r.get("riskFound").getAsBoolean());
    assertEquals(0.87, r.get("riskScore").getAsDouble());
    assertEquals(List.of("Phishing"), strings(r.getAsJsonArray("riskTypes")));
    assertEquals(List.of("Security Risks"), strings(r.getAsJsonArray("contentCategories")));
    assertEquals(List.of(), strings(r.getAsJsonArray("inheritedRiskTypes")));
    assertEquals(List.of("203.0.113.7"), strings(r.getAsJsonArray("resolvesTo")));
    assertEquals("QakBot", r.get("suspectedMalwareFamily").getAsString());
    assertTrue(r.get("popularityRank").isJsonNull());
    assertTrue(r.get("application").isJsonNull()); // Cloudflare's "" means none
    assertEquals("login-example.net", r.getAsJsonObject("result").get("domain").getAsString());
    assertEquals(
        "login-example.net",
        sim.requests().matching("GET", Paths.INTEL_DOMAIN).get(0).query().get("domain"));
  }

  @Test
  void domainOverviewWithInheritedCategoriesAndAnApplication() {
    JsonObject r = read("get_domain_overview", "{\"domain\":\"cdn.example.org\"}");
    assertFalse(r.get("riskFound").getAsBoolean());
    assertEquals(List.of(), strings(r.getAsJsonArray("contentCategories")));
    assertEquals(List.of("Technology"), strings(r.getAsJsonArray("inheritedContentCategories")));
    assertEquals("example.org", r.get("inheritedFrom").getAsString());
    assertEquals(48210, r.get("popularityRank").getAsInt());
    assertEquals("Example CDN", r.get("application").getAsString());
    assertEquals(0.12, r.get("riskScore").getAsDouble());
  }

  @Test
  void internationalisedDomainIsSentInAsciiForm() {
    JsonObject r = read("get_domain_overview", "{\"domain\":\"bücher.example\"}");
    assertEquals("xn--bcher-kva.example", r.get("domain").getAsString());
    assertEquals(
        "xn--bcher-kva.example",
        sim.requests().matching("GET", Paths.INTEL_DOMAIN).get(0).query().get("domain"));
  }

  @Test
  void lookAlikeDomainIsFoundByItsUnicodeSpelling() {
    JsonObject r =
        read("get_domain_overview", "{\"domain\":\"\u0440\u0430\u0443\u0440\u0430l.com\"}");
    assertEquals(Seeds.DEMO_DOMAIN_LOOKALIKE, r.get("domain").getAsString());
    assertTrue(r.get("riskFound").getAsBoolean());
    assertEquals(List.of("Phishing"), strings(r.getAsJsonArray("riskTypes")));
    JsonObject tld = read("get_domain_overview", "{\"domain\":\"пример.рф\"}");
    assertEquals("xn--e1afmkfd.xn--p1ai", tld.get("domain").getAsString());
    assertFalse(tld.get("riskFound").getAsBoolean());
  }

  // ---------------------------------------------------------------- user risk

  @Test
  void userRiskScoreWithEvents() {
    JsonObject r = read("get_user_risk_score", "{\"email\":\"Rafael.Costa@partner.example\"}");
    assertTrue(r.get("found").getAsBoolean());
    assertEquals("rafael.costa@partner.example", r.get("email").getAsString());
    assertEquals("Rafael Costa", r.get("name").getAsString());
    assertEquals(Seeds.DEMO_ACCESS_USER_RAFAEL, r.get("userId").getAsString());
    assertEquals("high", r.get("riskLevel").getAsString());
    assertTrue(r.get("lastResetTime").isJsonNull());
    assertEquals(3, r.get("eventCount").getAsInt());
    List<SimRisk.Event> seeded =
        sim.account().risk(Seeds.DEMO_ACCESS_USER_RAFAEL).orElseThrow().events();
    JsonArray events = r.getAsJsonArray("riskEvents");
    for (int i = 0; i < 3; i++) {
      JsonObject e = events.get(i).getAsJsonObject();
      assertEquals(seeded.get(i).id(), e.get("id").getAsString());
      assertEquals(seeded.get(i).name(), e.get("name").getAsString());
      assertEquals(seeded.get(i).riskLevel(), e.get("riskLevel").getAsString());
      assertEquals(seeded.get(i).timestamp(), e.get("timestamp").getAsString());
    }
    assertEquals(
        "invoice.pdf.exe",
        events.get(2).getAsJsonObject().getAsJsonObject("eventDetails").get("file").getAsString());
    // one exact-email lookup, then the score by the Access user's id
    assertEquals(
        "Rafael.Costa@partner.example",
        sim.requests().matching("GET", Paths.ACCESS_USERS).get(0).query().get("email"));
    assertEquals(1, sim.requests().count("GET", Paths.RISK_USER));
  }

  @Test
  void userRiskScoreAfterAnEarlierReset() {
    JsonObject r = read("get_user_risk_score", "{\"email\":\"sofia.papadopoulou@acme.example\"}");
    assertEquals("low", r.get("riskLevel").getAsString());
    assertEquals("2025-06-01T12:00:00Z", r.get("lastResetTime").getAsString());
    assertEquals(0, r.get("eventCount").getAsInt());
    assertEquals("Σοφία Παπαδοπούλου", r.get("name").getAsString());
  }

  @Test
  void neverScoredUserHasNoRiskLevel() {
    JsonObject r = read("get_user_risk_score", "{\"email\":\"pending.onboarding@acme.example\"}");
    assertTrue(r.get("found").getAsBoolean());
    assertTrue(r.get("riskLevel").isJsonNull());
    assertEquals(0, r.getAsJsonArray("riskEvents").size());
  }

  @Test
  void unknownEmailIsANotFoundResult() {
    JsonObject r = read("get_user_risk_score", "{\"email\":\"nobody@acme.example\"}");
    assertFalse(r.get("found").getAsBoolean());
    assertEquals("nobody@acme.example", r.get("email").getAsString());
    assertEquals("no Zero Trust Access user has this email", r.get("message").getAsString());
    assertEquals(0, sim.requests().count("GET", Paths.RISK_USER));
  }

  @Test
  void resetUserRiskScoreWithProvisioning() {
    JsonObject r =
        run("reset_user_risk_score", "{\"email\":\"rafael.costa@partner.example\"}", true);
    assertTrue(r.get("success").getAsBoolean());
    assertEquals(Seeds.DEMO_ACCESS_USER_RAFAEL, r.get("userId").getAsString());
    assertEquals(1, sim.requests().count("POST", Paths.RISK_RESET));
    JsonObject after = read("get_user_risk_score", "{\"email\":\"rafael.costa@partner.example\"}");
    assertEquals("low", after.get("riskLevel").getAsString());
    assertEquals(NOW, after.get("lastResetTime").getAsString());
    assertEquals(0, after.get("eventCount").getAsInt());
  }

  @Test
  void resetOfAnUnknownEmailResetsNothing() {
    JsonObject r = run("reset_user_risk_score", "{\"email\":\"nobody@acme.example\"}", true);
    assertFalse(r.get("success").getAsBoolean());
    assertFalse(r.get("found").getAsBoolean());
    assertEquals(0, sim.requests().count("POST", Paths.RISK_RESET));
  }

  @Test
  void riskScoringDisabledIsACloudflareFailure() {
    sim.account().riskScoringEnabled(false);
    CloudflareException e =
        assertThrows(
            CloudflareException.NotFound.class,
            () -> read("get_user_risk_score", "{\"email\":\"ana.ruiz@acme.example\"}"));
    assertTrue(e.hasCode(1404), e.getMessage());
  }

  // ---------------------------------------------------------------- integrations

  @Test
  void listIntegrations() {
    JsonObject r = read("list_risk_integrations", "{}");
    assertEquals(1, r.get("count").getAsInt());
    JsonObject i = r.getAsJsonArray("integrations").get(0).getAsJsonObject();
    assertEquals(Seeds.DEMO_INTEGRATION_OKTA, i.get("id").getAsString());
    assertEquals(Seeds.DEMO_ACCOUNT_ID, i.get("accountTag").getAsString());
    assertTrue(i.get("active").getAsBoolean());
    assertEquals("2025-05-12T14:03:09Z", i.get("createdAt").getAsString());
    assertEquals("Okta", i.get("integrationType").getAsString());
    assertEquals(Seeds.DEMO_IDP_OKTA, i.get("referenceId").getAsString());
    assertEquals("https://acme-demo.okta.com", i.get("tenantUrl").getAsString());
    assertEquals(
        "/.well-known/sse-configuration/" + Seeds.DEMO_INTEGRATION_OKTA + "/",
        i.get("wellKnownUrl").getAsString());
  }

  @Test
  void getIntegrationByIdAndByReference() {
    JsonObject byId =
        read(
            "get_risk_integration",
            "{\"id\":\"" + Seeds.DEMO_INTEGRATION_OKTA.toUpperCase() + "\"}");
    assertTrue(byId.get("found").getAsBoolean());
    assertEquals(
        Seeds.DEMO_INTEGRATION_OKTA, byId.getAsJsonObject("integration").get("id").getAsString());
    JsonObject byRef =
        read("get_risk_integration", "{\"reference_id\":\"" + Seeds.DEMO_IDP_OKTA + "\"}");
    assertEquals(
        Seeds.DEMO_INTEGRATION_OKTA, byRef.getAsJsonObject("integration").get("id").getAsString());
    assertEquals(1, sim.requests().count("GET", Paths.INTEGRATION));
    assertEquals(1, sim.requests().count("GET", Paths.INTEGRATION_BY_REF));
  }

  @Test
  void unknownIntegrationIsANotFoundResult() {
    JsonObject r =
        read("get_risk_integration", "{\"id\":\"00000000-0000-4000-8000-000000000000\"}");
    assertFalse(r.get("found").getAsBoolean());
    assertEquals("no risk-scoring integration has this id", r.get("message").getAsString());
    JsonObject byRef = read("get_risk_integration", "{\"reference_id\":\"no-such-ref\"}");
    assertFalse(byRef.get("found").getAsBoolean());
  }

  @Test
  void createUpdateAndDeleteAnIntegration() {
    JsonObject created =
        run(
            "create_risk_integration",
            "{\"tenant_url\":\"https://other.okta.com\",\"reference_id\":\"idp-2\"}",
            true);
    assertTrue(created.get("success").getAsBoolean());
    JsonObject i = created.getAsJsonObject("integration");
    String id = i.get("id").getAsString();
    assertEquals("Okta", i.get("integrationType").getAsString());
    assertEquals("https://other.okta.com", i.get("tenantUrl").getAsString());
    assertEquals("idp-2", i.get("referenceId").getAsString());
    assertEquals(NOW, i.get("createdAt").getAsString());
    JsonObject body =
        JsonParser.parseString(sim.requests().matching("POST", Paths.INTEGRATIONS).get(0).body())
            .getAsJsonObject();
    assertEquals("Okta", body.get("integration_type").getAsString());
    assertEquals("https://other.okta.com", body.get("tenant_url").getAsString());
    assertEquals("idp-2", body.get("reference_id").getAsString());
    assertEquals(2, read("list_risk_integrations", "{}").get("count").getAsInt());

    // only "active" given: tenant_url and reference_id are read back and sent unchanged
    JsonObject updated =
        run("update_risk_integration", "{\"id\":\"" + id + "\",\"active\":false}", true);
    assertTrue(updated.get("success").getAsBoolean());
    assertFalse(updated.getAsJsonObject("integration").get("active").getAsBoolean());
    JsonObject put =
        JsonParser.parseString(sim.requests().matching("PUT", Paths.INTEGRATION).get(0).body())
            .getAsJsonObject();
    assertFalse(put.get("active").getAsBoolean());
    assertEquals("https://other.okta.com", put.get("tenant_url").getAsString());
    assertEquals("idp-2", put.get("reference_id").getAsString());
    SimIntegration stored = sim.account().integration(id).orElseThrow();
    assertFalse(stored.active());
    assertEquals("https://other.okta.com", stored.tenantUrl());

    JsonObject deleted = run("delete_risk_integration", "{\"id\":\"" + id + "\"}", true);
    assertTrue(deleted.get("success").getAsBoolean());
    assertTrue(deleted.get("deleted").getAsBoolean());
    assertTrue(sim.account().integration(id).isEmpty());
    JsonObject again = run("delete_risk_integration", "{\"id\":\"" + id + "\"}", true);
    assertTrue(again.get("success").getAsBoolean());
    assertFalse(again.get("deleted").getAsBoolean());
  }

  @Test
  void updateOfAnUnknownIntegrationSendsNoPut() {
    JsonObject r =
        run(
            "update_risk_integration",
            "{\"id\":\"00000000-0000-4000-8000-000000000000\",\"tenant_url\":\"https://x.okta.com\"}",
            true);
    assertFalse(r.get("success").getAsBoolean());
    assertFalse(r.get("found").getAsBoolean());
    assertEquals(0, sim.requests().count("PUT", Paths.INTEGRATION));
  }

  // ---------------------------------------------------------------- custom call

  @Test
  void customGetReturnsStatusHeadersAndJson() {
    JsonObject r =
        read(
            "custom_api_call",
            "{\"endpoint\":\""
                + ACCT
                + "/intel/domain\","
                + "\"method\":\"get\",\"query_params\":{\"domain\":\"example.com\"}}");
    assertEquals(200, r.get("statusCode").getAsInt());
    assertFalse(r.get("truncated").getAsBoolean());
    assertEquals(
        "application/json", r.getAsJsonObject("headers").get("content-type").getAsString());
    JsonObject raw = r.getAsJsonObject("rawResponse");
    assertTrue(raw.get("success").getAsBoolean());
    assertEquals("example.com", raw.getAsJsonObject("result").get("domain").getAsString());
    RequestLog.Recorded sent = sim.requests().matching("GET", Paths.INTEL_DOMAIN).get(0);
    assertEquals("Bearer ****", sent.header("Authorization")); // the connector's own token
  }

  @Test
  void customCallErrorStatusIsAResultNotAFailure() {
    JsonObject r = read("custom_api_call", "{\"endpoint\":\"/no/such/route\",\"method\":\"GET\"}");
    assertEquals(404, r.get("statusCode").getAsInt());
    JsonObject error =
        r.getAsJsonObject("rawResponse").getAsJsonArray("errors").get(0).getAsJsonObject();
    assertEquals(7003, error.get("code").getAsInt());
  }

  @Test
  void customCallEncodesQueryValuesAndPassesHarmlessHeaders() {
    read(
        "custom_api_call",
        "{\"endpoint\":\""
            + ACCT
            + "/access/users\",\"method\":\"GET\","
            + "\"query_params\":[{\"key\":\"search\",\"value\":\"a&b=c d\"},{\"key\":\"per_page\","
            + "\"value\":5}],\"headers\":{\"X-Request-Note\":\"review-42\"}}");
    RequestLog.Recorded sent = sim.requests().matching("GET", Paths.ACCESS_USERS).get(0);
    assertEquals("a&b=c d", sent.query().get("search"));
    assertEquals("5", sent.query().get("per_page"));
    assertEquals(2, sent.query().size()); // "&b=c" did not become a parameter
    assertEquals("review-42", sent.header("X-Request-Note"));
  }

  @Test
  void customWriteWithProvisioningSendsTheBody() {
    String id = Seeds.DEMO_INTEGRATION_OKTA;
    JsonObject r =
        run(
            "custom_api_call",
            "{\"endpoint\":\""
                + ACCT
                + "/zt_risk_scoring/integrations/"
                + id
                + "\",\"method\":\"PUT\",\"body\":"
                + "{\"active\":false,\"tenant_url\":\"https://acme-demo.okta.com\"}}",
            true);
    assertEquals(200, r.get("statusCode").getAsInt());
    assertFalse(sim.account().integration(id).orElseThrow().active());
    assertEquals(
        "{\"active\":false,\"tenant_url\":\"https://acme-demo.okta.com\"}",
        sim.requests().matching("PUT", Paths.INTEGRATION).get(0).body());
  }

  @Test
  void customBodyGivenAsAJsonStringIsSentAsJson() {
    run(
        "custom_api_call",
        "{\"endpoint\":\""
            + ACCT
            + "/zt_risk_scoring/integrations\","
            + "\"method\":\"POST\",\"body\":\"{\\\"integration_type\\\":\\\"Okta\\\","
            + "\\\"tenant_url\\\":\\\"https://s.okta.com\\\"}\"}",
        true);
    RequestLog.Recorded sent = sim.requests().matching("POST", Paths.INTEGRATIONS).get(0);
    assertEquals(200, sent.status());
    assertTrue(sent.header("Content-Type").startsWith("application/json"));
    assertEquals(2, sim.account().integrations().size());
  }
}
