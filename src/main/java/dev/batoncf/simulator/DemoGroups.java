package dev.batoncf.simulator;

import static dev.batoncf.simulator.Seeds.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's gateway lists and Access groups. Groups are written as JSON (they are stored as JSON
 * anyway) with {@code ${NAME}} placeholders for ids. Together they use every rule kind of {@link
 * Seeds#RULE_KINDS}, both IdP-reference spellings ({@code identity_provider_id} and the older
 * {@code connection_id}), both {@code okta} shapes ({@code name} and older {@code email}), nesting
 * three deep (Engineering → Platform → SRE), a cycle (Cycle A ↔ Cycle B), {@code is_default} as a
 * boolean and as an array, an unknown rule kind and an unknown field.
 */
final class DemoGroups {
  private DemoGroups() {}

  static String groupId(String label) {
    return Ids.uuid("demo-group:" + label);
  }

  static String listId(String label) {
    return Ids.uuid("demo-list:" + label);
  }

  static void addTo(SimAccount a) {
    lists(a);
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("ACCOUNT", DEMO_ACCOUNT_ID);
    ids.put("G_PLATFORM", DEMO_GROUP_PLATFORM);
    ids.put("G_SRE", DEMO_GROUP_SRE);
    ids.put("G_CYCLE_A", DEMO_GROUP_CYCLE_A);
    ids.put("G_CYCLE_B", DEMO_GROUP_CYCLE_B);
    ids.put("L_SRE", DEMO_LIST_SRE_EMAILS);
    ids.put("L_PARTNERS", DEMO_LIST_PARTNER_EMAILS);
    ids.put("L_OFFICE", DEMO_LIST_OFFICE_IPS);
    ids.put("IDP_OKTA", DEMO_IDP_OKTA);
    ids.put("IDP_AZURE", DEMO_IDP_AZURE);
    ids.put("IDP_GOOGLE", Ids.uuid("demo-idp:google"));
    ids.put("IDP_GITHUB", Ids.uuid("demo-idp:github"));
    ids.put("IDP_SAML", Ids.uuid("demo-idp:saml"));
    ids.put("IDP_OIDC", Ids.uuid("demo-idp:oidc"));
    ids.put("POSTURE", Ids.uuid("demo-posture:disk-encryption"));
    ids.put("SERVICE_TOKEN", Ids.uuid("demo-service-token:ci"));
    ids.put("APP_UID", Ids.uuid("demo-app:grafana"));
    String at =
        "\"created_at\":\"2025-03-04T10:15:30Z\",\"updated_at\":\"2025-06-01T08:00:00.123Z\"";
    ids.put("AT", at);

    group(
        a,
        ids,
        DEMO_GROUP_ENGINEERING,
        """
        {"name":"Engineering","is_default":false,
         "include":[{"email_domain":{"domain":"acme.example"}},{"group":{"id":"${G_PLATFORM}"}}],
         "exclude":[{"email":{"email":"intern.temp@acme.example"}},
                    {"user_risk_score":{"user_risk_score":["high"]}}],
         "require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_PLATFORM,
        """
        {"name":"Platform Team","is_default":[],
         "include":[{"email":{"email":"ken.watanabe@acme.example"}},
                    {"email":{"email":"lukasz.zolc@acme.example"}},
                    {"email_list":{"id":"${L_SRE}"}},{"group":{"id":"${G_SRE}"}}],
         "exclude":[],"require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_SRE,
        """
        {"name":"SRE On-call",
         "include":[{"email_list":{"id":"${L_SRE}"}},{"email":{"email":"dmitry.sokolov@acme.example"}}],
         "exclude":[{"email_list":{"id":"${L_PARTNERS}"}}],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_CYCLE_A,
        """
        {"name":"Cycle A","include":[{"group":{"id":"${G_CYCLE_B}"}},
         {"email":{"email":"ana.ruiz@acme.example"}}],"exclude":[],"require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_CYCLE_B,
        """
        {"name":"Cycle B","include":[{"group":{"id":"${G_CYCLE_A}"}},
         {"email":{"email":"chloe.dubois@acme.example"}}],"exclude":[],"require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_ALL_STAFF,
        """
        {"name":"All Staff","is_default":true,"include":[{"everyone":{}}],
         "exclude":[{"email_domain":{"domain":"partner.example"}},
                    {"email_domain":{"domain":"contractors.example.net"}}],"require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_OFFICE,
        """
        {"name":"Office Network",
         "include":[{"ip":{"ip":"192.0.2.0/24"}},{"ip":{"ip":"2001:db8:100::/48"}},
                    {"ip_list":{"id":"${L_OFFICE}"}}],
         "exclude":[{"geo":{"country_code":"RU"}}],"require":[{"geo":{"country_code":"DE"}}],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_DEVICES,
        """
        {"name":"Managed Devices",
         "include":[{"certificate":{}},{"common_name":{"common_name":"laptop-0042.acme.example"}},
                    {"device_posture":{"integration_uid":"${POSTURE}","account_id":"${ACCOUNT}"}}],
         "exclude":[],
         "require":[{"login_method":{"id":"${IDP_OKTA}"}},
                    {"auth_context":{"id":"c1","ac_id":"c1","identity_provider_id":"${IDP_AZURE}"}},
                    {"auth_method":{"auth_method":"mfa"}}],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_IDP,
        """
        {"name":"Identity Provider Groups","is_default":[],
         "include":[{"azureAD":{"id":"aad-group-engineering","identity_provider_id":"${IDP_AZURE}"}},
                    {"azureAD":{"id":"aad-group-legacy","connection_id":"${IDP_AZURE}"}},
                    {"okta":{"name":"eng-all","identity_provider_id":"${IDP_OKTA}"}},
                    {"okta":{"email":"okta-admins@acme.example","connection_id":"${IDP_OKTA}"}},
                    {"gsuite":{"email":"devs@acme.example","identity_provider_id":"${IDP_GOOGLE}"}},
                    {"github-organization":{"name":"acme","team":"api-team","identity_provider_id":"${IDP_GITHUB}"}},
                    {"github-organization":{"name":"acme-legacy","connection_id":"${IDP_GITHUB}"}},
                    {"saml":{"attribute_name":"group","attribute_value":"sso-admins","identity_provider_id":"${IDP_SAML}"}},
                    {"oidc":{"claim_name":"groups","claim_value":"platform","identity_provider_id":"${IDP_OIDC}"}}],
         "exclude":[],"require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_SERVICES,
        """
        {"name":"Service Access",
         "include":[{"service_token":{"token_id":"${SERVICE_TOKEN}"}},{"any_valid_service_token":{}},
                    {"external_evaluation":{"evaluate_url":"https://authz.acme.example/evaluate",
                                            "keys_url":"https://authz.acme.example/keys"}},
                    {"linked_app_token":{"app_uid":"${APP_UID}"}}],
         "exclude":[],"require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_MEMBERS_LOW_RISK,
        """
        {"name":"Account Members, Low Risk",
         "include":[{"cloudflare_account_member":{"account_id":"${ACCOUNT}"}}],
         "require":[{"user_risk_score":{"user_risk_score":["low","unscored"]}}],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_FUTURE,
        """
        {"name":"Future Rules","session_duration_hint":"24h",
         "include":[{"email":{"email":"noah.berg@acme.example"}},
                    {"device_trust_level":{"level":"high","vendor":"example-edr"}}],
         "exclude":[],"require":[],${AT}}""");
    group(
        a,
        ids,
        DEMO_GROUP_PARTNERS,
        """
        {"name":"Partners",
         "include":[{"email_domain":{"domain":"partner.example"}},{"email_list":{"id":"${L_PARTNERS}"}}],
         "exclude":[{"email":{"email":"rafael.costa@partner.example"}}],"require":[],${AT}}""");
  }

  private static void group(SimAccount a, Map<String, String> ids, String id, String json) {
    String text = json;
    for (Map.Entry<String, String> e : ids.entrySet()) {
      text = text.replace("${" + e.getKey() + "}", e.getValue());
    }
    JsonObject g = JsonParser.parseString(text).getAsJsonObject();
    JsonObject withId = new JsonObject();
    withId.addProperty("id", id); // id first, as Cloudflare renders it
    g.entrySet().forEach(en -> withId.add(en.getKey(), en.getValue()));
    a.putGroup(withId);
  }

  private static void lists(SimAccount a) {
    String created = "2025-02-10T09:30:00Z";
    a.putList(
        new SimList(
            DEMO_LIST_SRE_EMAILS,
            "SRE on-call",
            "People paged for production",
            "EMAIL",
            created,
            "2025-06-20T11:00:00.5Z",
            items(
                created,
                "dmitry.sokolov@acme.example",
                "francois.lefevre@acme.example",
                "noah.berg@acme.example",
                "lena.schmidt@contractors.example.net")));
    a.putList(
        new SimList(
            DEMO_LIST_PARTNER_EMAILS,
            "Partner contacts",
            "External partner staff",
            "EMAIL",
            created,
            created,
            items(
                created,
                "yuki.tanaka@partner.example",
                "lena.schmidt@contractors.example.net",
                "marco.rossi@contractors.example.net")));
    a.putList(
        new SimList(
            DEMO_LIST_OFFICE_IPS,
            "Office egress",
            "Office NAT addresses",
            "IP",
            created,
            created,
            items(created, "192.0.2.0/24", "198.51.100.10/32", "2001:db8:100::/48")));
    a.putList(
        new SimList(
            DEMO_LIST_BLOCKED_DOMAINS,
            "Blocked domains",
            "Known phishing",
            "DOMAIN",
            created,
            created,
            items(created, "login-example.net")));
  }

  private static List<SimList.Item> items(String created, String... values) {
    List<SimList.Item> out = new ArrayList<>();
    for (String v : values) {
      out.add(new SimList.Item(v, "", created));
    }
    return out;
  }
}
