package dev.batoncf.simulator;

import static dev.batoncf.simulator.Seeds.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Seeds#demo()}: members, roles, tokens, Access users, risk, integration, intel.
 * Groups and lists are in {@link DemoGroups}. Everything is derived from fixed labels, so two
 * builds are identical. No static state depends on {@link Seeds} (class-init order).
 */
final class DemoSeed {
  private DemoSeed() {}

  static String memberId(String label) {
    return Ids.hex32("demo-member:" + label);
  }

  static String userId(String label) {
    return Ids.hex32("demo-user:" + label);
  }

  static String accessUserId(String email) {
    return Ids.uuid("demo-access-user:" + email);
  }

  static SimAccount build() {
    SimAccount a =
        new SimAccount(DEMO_ACCOUNT_ID, DEMO_ACCOUNT_NAME)
            .createdOn("2019-03-14T09:26:53.589Z")
            .acceptApiToken(DEMO_API_TOKEN, DEMO_TOKEN_ID, true)
            .acceptApiToken(DEMO_USER_API_TOKEN, DEMO_USER_TOKEN_ID, false)
            .acceptGlobalKey(DEMO_EMAIL, DEMO_API_KEY);
    RoleCatalog.roles(RoleCatalog.size()).forEach(a::putRole);
    policyCatalog(a);
    members(a);
    tokens(a);
    accessUsers(a);
    risk(a);
    a.putIntegration(
        new SimIntegration(
            DEMO_INTEGRATION_OKTA,
            DEMO_ACCOUNT_ID,
            true,
            "2025-05-12T14:03:09Z",
            RiskHandlers.OKTA,
            DEMO_IDP_OKTA,
            "https://acme-demo.okta.com",
            "/.well-known/sse-configuration/" + DEMO_INTEGRATION_OKTA + "/"));
    intel(a);
    DemoGroups.addTo(a);
    DemoUserGroups.addTo(a);
    DemoApps.addTo(a);
    return a;
  }

  private static void policyCatalog(SimAccount a) {
    a.putPermissionGroup(
        new SimPolicy.PermissionGroup(PERMISSION_GROUP_DOMAIN_ADMIN, "Domain Administrator"));
    a.putPermissionGroup(new SimPolicy.PermissionGroup(PERMISSION_GROUP_ANALYTICS, "Analytics"));
    a.putPermissionGroup(new SimPolicy.PermissionGroup(PERMISSION_GROUP_DNS, "DNS"));
    a.putPermissionGroup(new SimPolicy.PermissionGroup(PERMISSION_GROUP_BILLING, "Billing"));
    a.putResourceGroup(
        new SimPolicy.ResourceGroup(
            RESOURCE_GROUP_ACCOUNT,
            "com.cloudflare.api.account." + DEMO_ACCOUNT_ID,
            "com.cloudflare.api.account." + DEMO_ACCOUNT_ID));
    String zone = Ids.hex32("zone:acme.example");
    a.putResourceGroup(
        new SimPolicy.ResourceGroup(
            RESOURCE_GROUP_ZONE, "acme.example", "com.cloudflare.api.account.zone." + zone));
  }

  private static void members(SimAccount a) {
    String ok = Wire.STATUS_ACCEPTED;
    m(
        a,
        "jose",
        DEMO_EMAIL,
        ok,
        true,
        "José",
        "Müller",
        true,
        ROLE_SUPER_ADMIN,
        ROLE_ADMINISTRATOR);
    m(
        a,
        "zoe",
        "zoe.orsted@acme.example",
        ok,
        true,
        "Zoë",
        "Ørsted",
        false,
        ROLE_ADMINISTRATOR_READ_ONLY,
        ROLE_BILLING);
    m(a, "ken", "ken.watanabe@acme.example", ok, true, "健", "渡辺", true, ROLE_DNS, ROLE_FIREWALL);
    m(a, "lukasz", "lukasz.zolc@acme.example", ok, true, "Łukasz", "Żółć", true, ROLE_ZERO_TRUST);
    m(
        a,
        "ana",
        "ana.ruiz@acme.example",
        ok,
        true,
        "Ana",
        "Ruiz",
        true,
        ROLE_ADMINISTRATOR_READ_ONLY);
    m(
        a,
        "siobhan",
        "siobhan.nibhriain@acme.example",
        ok,
        true,
        "Siobhán",
        "Ní Bhriain",
        false,
        ROLE_ANALYTICS);
    m(
        a,
        "ngozi",
        "ngozi.okonkwo@acme.example",
        ok,
        true,
        "Ngozi",
        "Okonkwo-Adébáyọ̀",
        true,
        RoleCatalog.id("Cloudflare Workers Admin"),
        RoleCatalog.id("Cache Purge"));
    m(
        a,
        "francois",
        "francois.lefevre@acme.example",
        ok,
        true,
        "François",
        "Lefèvre",
        true,
        ROLE_FIREWALL);
    m(
        a,
        "sofia",
        "sofia.papadopoulou@acme.example",
        ok,
        true,
        "Σοφία",
        "Παπαδοπούλου",
        false,
        ROLE_BILLING);
    m(a, "dmitry", "dmitry.sokolov@acme.example", ok, true, "Дмитрий", "Соколов", true, ROLE_DNS);
    m(
        a,
        "aisha",
        "aisha.alfarsi@acme.example",
        ok,
        true,
        "عائشة",
        "الفارسي",
        true,
        RoleCatalog.id("Cloudflare Zero Trust Read Only"),
        RoleCatalog.id("Audit Logs Viewer"));
    m(
        a,
        "priya",
        "priya@acme.example",
        ok,
        true,
        "Priya",
        null,
        false,
        ROLE_ANALYTICS,
        RoleCatalog.id("Log Share"));
    m(
        a,
        "mateus",
        "mateus.conceicao@acme.example",
        ok,
        true,
        "Mateus",
        "Conceição",
        true,
        RoleCatalog.id("Load Balancer"));
    m(
        a,
        "chloe",
        "chloe.dubois@acme.example",
        ok,
        true,
        "Chloé",
        "Dubois",
        true,
        RoleCatalog.id("Cloudflare Access"));
    m(
        a,
        "hana",
        "hana.kovarova@acme.example",
        ok,
        true,
        "Hana",
        "Kovářová",
        false,
        ROLE_ADMINISTRATOR);
    m(
        a,
        "soren",
        "soren.kierkegard@acme.example",
        ok,
        true,
        "Søren",
        "Kierkegård",
        true,
        RoleCatalog.id("Cloudflare R2 Admin"));
    m(
        a,
        "huong",
        "huong.nguyen@acme.example",
        ok,
        true,
        "Hương",
        "Nguyễn Thị",
        true,
        RoleCatalog.id("Cloudflare Zero Trust PII"));
    m(
        a,
        "ipek",
        "ipek.yildiz@acme.example",
        ok,
        true,
        "İpek",
        "Yıldız",
        false,
        RoleCatalog.id("Turnstile"));
    policyMember(
        a,
        "kwame",
        "kwame.mensah@acme.example",
        "Kwame",
        "Mensah",
        List.of(
            policy(
                "kwame-1",
                "allow",
                List.of(PERMISSION_GROUP_DOMAIN_ADMIN),
                RESOURCE_GROUP_ZONE,
                a)));
    policyMember(
        a,
        "mei",
        "meiling.lin@acme.example",
        "美玲",
        "林",
        List.of(
            policy(
                "mei-1",
                "allow",
                List.of(PERMISSION_GROUP_ANALYTICS, PERMISSION_GROUP_DNS),
                RESOURCE_GROUP_ACCOUNT,
                a),
            policy("mei-2", "deny", List.of(PERMISSION_GROUP_BILLING), RESOURCE_GROUP_ACCOUNT, a)));
    String pending = Wire.STATUS_PENDING;
    m(a, "newhire", DEMO_EMAIL_PENDING_NEW_HIRE, pending, false, null, null, false, ROLE_ANALYTICS);
    m(
        a,
        "contractor",
        "dev.contractor@partner.example",
        pending,
        false,
        null,
        null,
        false,
        ROLE_DNS);
    m(
        a,
        "bjorn",
        "bjorn.astrom@acme.example",
        pending,
        true,
        "Björn",
        "Åström",
        true,
        ROLE_ADMINISTRATOR_READ_ONLY);
    m(
        a,
        "oldvendor",
        "old.vendor@vendor.example",
        Wire.STATUS_REJECTED,
        false,
        null,
        null,
        false,
        ROLE_BILLING);
    m(
        a,
        "elodie",
        "elodie.marchand@acme.example",
        Wire.STATUS_REJECTED,
        true,
        "Élodie",
        "Marchand",
        false,
        ROLE_FIREWALL);
  }

  private static void m(
      SimAccount a,
      String label,
      String email,
      String status,
      boolean hasUser,
      String first,
      String last,
      boolean twoFactor,
      String... roleIds) {
    a.putMember(
        new SimMember(
            memberId(label),
            email,
            status,
            new SimMember.User(hasUser ? userId(label) : null, first, last, twoFactor),
            List.of(roleIds),
            List.of()));
  }

  private static void policyMember(
      SimAccount a,
      String label,
      String email,
      String first,
      String last,
      List<SimPolicy> policies) {
    a.putMember(
        new SimMember(
            memberId(label),
            email,
            Wire.STATUS_ACCEPTED,
            new SimMember.User(userId(label), first, last, true),
            List.of(),
            policies));
  }

  private static SimPolicy policy(
      String label, String access, List<String> pgIds, String rgId, SimAccount a) {
    List<SimPolicy.PermissionGroup> pgs = new ArrayList<>();
    pgIds.forEach(id -> pgs.add(a.permissionGroup(id).orElseThrow()));
    return new SimPolicy(
        Ids.hex32("demo-policy:" + label),
        access,
        pgs,
        List.of(a.resourceGroup(rgId).orElseThrow()));
  }

  private static void tokens(SimAccount a) {
    String acct = "com.cloudflare.api.account." + DEMO_ACCOUNT_ID;
    a.putToken(
        new SimToken(
            DEMO_TOKEN_ID,
            "baton-connector (read)",
            Wire.TOKEN_ACTIVE,
            "2025-01-10T08:00:00Z",
            "2025-01-10T08:00:00Z",
            "2025-07-01T06:12:44.318Z",
            null,
            null,
            DEMO_EMAIL,
            null,
            null,
            null,
            null,
            List.of(
                tokenPolicy(
                    "read",
                    "allow",
                    acct,
                    "Account Settings Read",
                    "Access: Organizations, Identity Providers, and Groups Read",
                    "Access: Audit Logs Read",
                    "Account API Tokens Read",
                    "Zero Trust Read"))));
    a.putToken(
        new SimToken(
            DEMO_TOKEN_TERRAFORM,
            "terraform-ci",
            Wire.TOKEN_ACTIVE,
            "2024-11-02T09:00:00Z",
            "2025-03-04T10:15:30Z",
            "2025-06-30T23:01:02Z",
            null,
            "2026-12-31T23:59:59Z",
            "hana.kovarova@acme.example",
            null,
            null,
            List.of("192.0.2.0/24", "2001:db8:100::/48"),
            List.of("192.0.2.59/32"),
            List.of(
                tokenPolicy(
                    "tf",
                    "allow",
                    "com.cloudflare.api.account.zone.*",
                    "DNS Write",
                    "Zone Read"))));
    a.putToken(
        new SimToken(
            DEMO_TOKEN_DISABLED,
            "legacy-dns-updater",
            Wire.TOKEN_DISABLED,
            "2022-05-17T12:00:00Z",
            "2024-01-08T16:20:00Z",
            "2023-12-31T23:59:00Z",
            null,
            null,
            "ken.watanabe@acme.example",
            null,
            null,
            null,
            null,
            List.of(
                tokenPolicy("dns", "allow", "com.cloudflare.api.account.zone.*", "DNS Write"))));
    a.putToken(
        new SimToken(
            DEMO_TOKEN_EXPIRED,
            "old-deploy-bot",
            Wire.TOKEN_EXPIRED,
            "2023-06-30T00:00:00Z",
            "2023-06-30T00:00:00Z",
            "2024-06-29T18:45:10.5Z",
            null,
            "2024-06-30T00:00:00Z",
            "zoe.orsted@acme.example",
            null,
            null,
            null,
            null,
            List.of(tokenPolicy("deploy", "allow", acct, "Workers Scripts Write"))));
    // Past its expiry but still reported active: the access review flags the mismatch.
    a.putToken(
        new SimToken(
            DEMO_TOKEN_EXPIRED_BUT_ACTIVE,
            "grafana-analytics",
            Wire.TOKEN_ACTIVE,
            "2025-01-20T10:00:00Z",
            "2025-01-20T10:00:00Z",
            null,
            "2025-02-01T00:00:00Z",
            "2025-06-15T00:00:00Z",
            "priya@acme.example",
            "com.cloudflare.api.oauthtoken",
            Ids.hex32("oauth-client:grafana"),
            null,
            null,
            List.of(tokenPolicy("ga", "allow", acct, "Account Analytics Read"))));
    a.putToken(
        new SimToken(
            DEMO_TOKEN_EXPIRING,
            "incident-response",
            Wire.TOKEN_ACTIVE,
            "2025-04-01T07:30:00Z",
            "2025-04-02T08:00:00Z",
            "2025-06-15T03:14:15.926Z",
            null,
            "2025-07-20T00:00:00Z",
            DEMO_EMAIL,
            null,
            null,
            null,
            null,
            List.of(
                tokenPolicy("ir-allow", "allow", acct, "Zero Trust Write", "Account Settings Read"),
                tokenPolicy("ir-deny", "deny", acct, "Billing Write"))));
  }

  private static SimToken.Policy tokenPolicy(
      String label, String effect, String resource, String... groups) {
    List<SimPolicy.PermissionGroup> pgs = new ArrayList<>();
    for (String g : groups) {
      pgs.add(new SimPolicy.PermissionGroup(Ids.hex32("token-pg:" + g), g));
    }
    return new SimToken.Policy(
        Ids.hex32("token-policy:" + label), effect, pgs, Map.of(resource, "*"));
  }

  private static void accessUsers(SimAccount a) {
    // members who also use Access (16); then people who only use Access (24)
    String[][] rows = {
      {"jose.muller@acme.example", "José Müller"},
      {"zoe.orsted@acme.example", "Zoë Ørsted"},
      {"ken.watanabe@acme.example", "渡辺 健"},
      {"lukasz.zolc@acme.example", "Łukasz Żółć"},
      {"ana.ruiz@acme.example", "Ana Ruiz"},
      {"siobhan.nibhriain@acme.example", "Siobhán Ní Bhriain"},
      {"ngozi.okonkwo@acme.example", "Ngozi Okonkwo-Adébáyọ̀"},
      {"francois.lefevre@acme.example", "François Lefèvre"},
      {"sofia.papadopoulou@acme.example", "Σοφία Παπαδοπούλου"},
      {"dmitry.sokolov@acme.example", "Дмитрий Соколов"},
      {"aisha.alfarsi@acme.example", "عائشة الفارسي"},
      {"priya@acme.example", "Priya"},
      {"mateus.conceicao@acme.example", "Mateus Conceição"},
      {"chloe.dubois@acme.example", "Chloé Dubois"},
      {"kwame.mensah@acme.example", "Kwame Mensah"},
      {"meiling.lin@acme.example", "林 美玲"},
      {"rafael.costa@partner.example", "Rafael Costa"},
      {"yuki.tanaka@partner.example", "田中 由紀"},
      {"olga.nowak@partner.example", "Olga Nowak"},
      {"samir.haddad@partner.example", "Samir Haddad"},
      {"grace.obi@partner.example", "Grace Obi"},
      {"tomas.novak@partner.example", "Tomáš Novák"},
      {"lena.schmidt@contractors.example.net", "Lena Schmidt"},
      {"marco.rossi@contractors.example.net", "Marco Rossi"},
      {"intern.temp@acme.example", "Temporary Intern"},
      {"noah.berg@acme.example", "Noah Berg"},
      {"emma.johansson@acme.example", "Emma Johansson"},
      {"liam.oconnor@acme.example", "Liam O'Connor"},
      {"amara.diallo@acme.example", "Amara Diallo"},
      {"chen.wei@acme.example", "陈 伟"},
      {"fatima.zahra@acme.example", "Fatima Zahra"},
      {"oskar.lind@acme.example", "Oskar Lind"},
      {"ines.garcia@acme.example", "Inés García"},
      {"pending.onboarding@acme.example", "Pending Onboarding"},
      {"kiosk-lobby@acme.example", "Lobby Kiosk"},
      {"alex.kim@example.net", "Alex Kim"},
      {"sam.taylor@example.net", "Sam Taylor"},
      {"jordan.lee@example.org", "Jordan Lee"},
      {"robin.meyer@example.org", "Robin Meyer"},
      {"casey.nguyen@example.com", "Casey Nguyen"}
    };
    for (int i = 0; i < rows.length; i++) {
      String email = rows[i][0];
      String id = accessUserId(email);
      boolean never = email.startsWith("pending.onboarding");
      // vary the optional fields: seats absent/true/false, login with and without fractions
      Boolean accessSeat = never ? null : i % 5 != 3;
      Boolean gatewaySeat = never ? null : i % 3 == 0;
      Integer devices = never ? null : i % 4;
      // Marco (contractor) last logged in months before the others: a dormant Access user.
      String login =
          never
              ? null
              : email.startsWith("marco.rossi")
                  ? "2025-02-11T16:20:05Z"
                  : i % 2 == 0
                      ? String.format("2025-06-%02dT07:%02d:11Z", 1 + i % 28, i % 60)
                      : String.format(
                          "2025-06-%02dT18:%02d:42.%03dZ", 1 + i % 28, i % 60, 7 * i + 1);
      a.putAccessUser(
          new SimAccessUser(
              id,
              id,
              email,
              rows[i][1],
              accessSeat,
              gatewaySeat,
              never ? null : Ids.hex32("seat:" + email),
              devices,
              login,
              String.format("2024-%02d-02T09:00:00.5Z", 1 + i % 12),
              login == null ? "2025-06-30T00:00:00Z" : login));
    }
  }

  private static void risk(SimAccount a) {
    a.putRisk(
        DEMO_ACCESS_USER_ANA,
        new SimRisk(
            Wire.RISK_MEDIUM,
            List.of(
                event(
                    "ana-1",
                    "Impossible travel",
                    Wire.RISK_MEDIUM,
                    "2025-06-29T22:10:00Z",
                    Map.of("from", "DE", "to", "BR"))),
            null));
    a.putRisk(
        DEMO_ACCESS_USER_RAFAEL,
        new SimRisk(
            Wire.RISK_HIGH,
            List.of(
                event(
                    "raf-1",
                    "Suspicious login location",
                    Wire.RISK_LOW,
                    "2025-06-20T08:00:00Z",
                    Map.of()),
                event(
                    "raf-2",
                    "Data loss prevention detection",
                    Wire.RISK_MEDIUM,
                    "2025-06-25T13:37:00.250Z",
                    Map.of("profile", "Credit cards")),
                event(
                    "raf-3",
                    "Malware download",
                    Wire.RISK_HIGH,
                    "2025-06-30T02:22:22Z",
                    Map.of("file", "invoice.pdf.exe"))),
            null));
    a.putRisk(
        accessUserId("ken.watanabe@acme.example"),
        new SimRisk(
            Wire.RISK_LOW,
            List.of(
                event(
                    "ken-1",
                    "Failed login attempts",
                    Wire.RISK_LOW,
                    "2025-06-28T06:00:00Z",
                    Map.of("attempts", "5"))),
            null));
    a.putRisk(
        accessUserId("intern.temp@acme.example"),
        new SimRisk(
            Wire.RISK_HIGH,
            List.of(
                event(
                    "int-1",
                    "Impossible travel",
                    Wire.RISK_MEDIUM,
                    "2025-06-26T10:00:00Z",
                    Map.of()),
                event(
                    "int-2",
                    "Sign-in from anonymizer",
                    Wire.RISK_HIGH,
                    "2025-06-27T11:11:11.1Z",
                    Map.of("ip", "203.0.113.7"))),
            "2025-05-01T00:00:00Z"));
    a.putRisk(
        DEMO_ACCESS_USER_SOFIA, new SimRisk(Wire.RISK_LOW, List.of(), "2025-06-01T12:00:00Z"));
  }

  private static SimRisk.Event event(
      String label, String name, String level, String at, Map<String, String> details) {
    return new SimRisk.Event(Ids.uuid("demo-risk-event:" + label), name, level, at, details);
  }

  /** Intel for a few documentation-range IPs (v4 and v6) and domains; shared with generated. */
  static void intel(SimAccount a) {
    SimIntel.Category phishing = new SimIntel.Category(131, "Phishing", 21);
    SimIntel.Category anonymizer = new SimIntel.Category(130, "Anonymizer", 21);
    SimIntel.Category botnet = new SimIntel.Category(134, "Botnet", 21);
    a.putIpIntel(
        new SimIntel.Ip(
            "203.0.113.7",
            "autonomous-system--" + Ids.uuid("as64500"),
            "64500",
            "hosting_provider",
            "NL",
            "EXAMPLE-HOSTING",
            List.of(phishing, anonymizer)));
    a.putIpIntel(
        new SimIntel.Ip(
            "198.51.100.23",
            "autonomous-system--" + Ids.uuid("as64501"),
            "64501",
            "isp",
            "DE",
            "EXAMPLE-BROADBAND",
            List.of()));
    a.putIpIntel(
        new SimIntel.Ip(
            "192.0.2.44",
            "autonomous-system--" + Ids.uuid("as64502"),
            "64502",
            "organization",
            "US",
            "ACME-CORP",
            List.of()));
    a.putIpIntel(
        new SimIntel.Ip(
            "2001:db8::bad:1",
            "autonomous-system--" + Ids.uuid("as64503"),
            "64503",
            "hosting_provider",
            "SG",
            "EXAMPLE-CLOUD-V6",
            List.of(botnet)));
    SimIntel.Category securityRisks = new SimIntel.Category(155, "Security Risks", 32);
    SimIntel.Category technology = new SimIntel.Category(26, "Technology", 26);
    a.putDomainIntel(
        new SimIntel.Domain(
            "login-example.net",
            0.87,
            null,
            0,
            "",
            List.of(securityRisks),
            List.of(phishing),
            List.of(),
            List.of(),
            "",
            List.of("203.0.113.7"),
            "QakBot"));
    a.putDomainIntel(
        new SimIntel.Domain(
            "example.com",
            0.0,
            1250,
            0,
            "",
            List.of(technology),
            List.of(),
            List.of(),
            List.of(),
            "",
            List.of("192.0.2.80", "2001:db8::80"),
            ""));
    a.putDomainIntel(
        new SimIntel.Domain(
            Seeds.DEMO_DOMAIN_LOOKALIKE,
            0.95,
            null,
            0,
            "",
            List.of(securityRisks),
            List.of(phishing),
            List.of(),
            List.of(),
            "",
            List.of("198.51.100.99"),
            ""));
    a.putDomainIntel(
        new SimIntel.Domain(
            "cdn.example.org",
            0.12,
            48210,
            1234,
            "Example CDN",
            List.of(),
            List.of(),
            List.of(technology),
            List.of(),
            "example.org",
            List.of("198.51.100.77"),
            ""));
  }
}
