package dev.batoncf.simulator;

import static dev.batoncf.simulator.Seeds.DEMO_GROUP_ALL_STAFF;
import static dev.batoncf.simulator.Seeds.DEMO_GROUP_PLATFORM;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The demo's Access applications, one per policy situation a reviewer meets: a deny before an allow
 * naming a group (Grafana: contractors blocked, the group granted exactly), an allow naming a group
 * the host can expand plus one named person (Wiki), a bypass (Status page: reachable without
 * identity) and a service-auth policy beside an allow with a risk exclusion (CI). Shapes follow
 * cloudflare-api.md §15: policies embedded in full.
 */
final class DemoApps {
  private DemoApps() {}

  static String appId(String label) {
    return Ids.uuid("demo-app:" + label);
  }

  static String policyId(String label) {
    return Ids.uuid("demo-app-policy:" + label);
  }

  static void addTo(SimAccount a) {
    String at = "\"created_at\":\"2025-04-01T09:00:00Z\",\"updated_at\":\"2025-06-15T12:00:00Z\"";
    app(
        a,
        Seeds.DEMO_APP_GRAFANA,
        """
        {"name":"Grafana","type":"self_hosted","domain":"grafana.acme.example",
         "destinations":[{"type":"public","uri":"grafana.acme.example"}],
         "session_duration":"24h","allowed_idps":[],"auto_redirect_to_identity":false,
         "policies":[
          {"id":"%s","name":"Contractors blocked","decision":"deny","precedence":1,
           "include":[{"email_domain":{"domain":"contractors.example.net"}}],
           "exclude":[],"require":[],%s},
          {"id":"%s","name":"Platform engineers","decision":"allow","precedence":2,
           "include":[{"group":{"id":"%s"}}],"exclude":[],
           "require":[{"auth_method":{"auth_method":"mfa"}}],%s}],%s}"""
            .formatted(
                policyId("grafana-deny"),
                at,
                policyId("grafana-allow"),
                DEMO_GROUP_PLATFORM,
                at,
                at));
    app(
        a,
        Seeds.DEMO_APP_WIKI,
        """
        {"name":"Wiki","type":"self_hosted","domain":"wiki.acme.example",
         "destinations":[{"type":"public","uri":"wiki.acme.example"}],
         "session_duration":"8h","allowed_idps":[],
         "policies":[
          {"id":"%s","name":"Staff","decision":"allow","precedence":1,
           "include":[{"group":{"id":"%s"}}],"exclude":[],"require":[],%s},
          {"id":"%s","name":"Partner editor","decision":"allow","precedence":2,
           "include":[{"email":{"email":"yuki.tanaka@partner.example"}}],
           "exclude":[],"require":[],%s}],%s}"""
            .formatted(
                policyId("wiki-staff"),
                DEMO_GROUP_ALL_STAFF,
                at,
                policyId("wiki-partner"),
                at,
                at));
    app(
        a,
        Seeds.DEMO_APP_STATUS,
        """
        {"name":"Status page","type":"self_hosted","domain":"status.acme.example",
         "session_duration":"24h",
         "policies":[
          {"id":"%s","name":"Public","decision":"bypass","precedence":1,
           "include":[{"everyone":{}}],"exclude":[],"require":[],%s}],%s}"""
            .formatted(policyId("status-public"), at, at));
    app(
        a,
        Seeds.DEMO_APP_CI,
        """
        {"name":"CI webhooks","type":"self_hosted","domain":"ci.acme.example",
         "session_duration":"30m",
         "policies":[
          {"id":"%s","name":"CI service token","decision":"non_identity","precedence":1,
           "include":[{"any_valid_service_token":{}}],"exclude":[],"require":[],%s},
          {"id":"%s","name":"Build admins","decision":"allow","precedence":2,
           "include":[{"email":{"email":"ken.watanabe@acme.example"}},
                      {"email":{"email":"rafael.costa@partner.example"}}],
           "exclude":[{"user_risk_score":{"user_risk_score":["high"]}}],"require":[],%s}],%s}"""
            .formatted(policyId("ci-token"), at, policyId("ci-admins"), at, at));
  }

  private static void app(SimAccount a, String id, String json) {
    JsonObject body = JsonParser.parseString(json).getAsJsonObject();
    JsonObject withId = new JsonObject();
    withId.addProperty("id", id); // id first, as Cloudflare renders it
    withId.addProperty("aud", Ids.hex32("aud:" + id) + Ids.hex32("aud2:" + id));
    body.entrySet().forEach(e -> withId.add(e.getKey(), e.getValue()));
    a.apps().put(withId);
  }
}
