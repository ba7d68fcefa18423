package dev.batoncf.simulator;

import java.util.List;

/**
 * Ready-made accounts. {@link #demo()} is the realistic, deterministic account behind {@code
 * --demo} and most tests; {@link #generated(Scale, long)} is a synthetic account of any size for
 * scale tests and the benchmark. Both accept the same fake demo credentials.
 *
 * <p>Demo shape (see the constants): 25 members — 20 accepted (2 of them managed by permission
 * policies, roles []), 3 pending (one already has a {@code user.id}), 2 rejected (one with a {@code
 * user.id}); {@link #DEMO_MEMBER_JOSE} holds the Super Administrator role, which the roles list
 * does not return; 60 listed roles (4 in the legacy string-array permission shape); 6 account
 * tokens (1 expired, hidden by default; 1 disabled; 1 past its expiry but still active; 1 expiring
 * in July 2025; 2 that never expire); 40 Access users (16 share an email with a member; one dormant
 * since February 2025, one who never logged in); 13 Access groups using every rule kind of {@link
 * #RULE_KINDS} plus {@link #UNKNOWN_RULE_KIND}; 4 gateway lists; risk events for 4 Access users; 1
 * Okta risk integration; intel for 4 IPs and 4 domains (one an internationalised look-alike).
 */
public final class Seeds {
  private Seeds() {}

  // ------------------------------------------------------------- credentials (fake, but secret)
  public static final String DEMO_ACCOUNT_ID = "9d2c7e4b1a6f48e3b5c0d8a7f6e5d4c3";
  public static final String DEMO_ACCOUNT_NAME = "Acme Demo Corp (simulated)";

  /** Account-owned token; its id is {@link #DEMO_TOKEN_ID}, listed in the tokens list. */
  public static final String DEMO_API_TOKEN = "sim-demo-account-token-NOT-A-REAL-SECRET-0001";

  public static final String DEMO_TOKEN_ID = Ids.hex32("demo-token:baton-connector");

  /** User-owned token: passes {@code /user/tokens/verify}, fails the account variant. */
  public static final String DEMO_USER_API_TOKEN = "sim-demo-user-token-NOT-A-REAL-SECRET-0002";

  public static final String DEMO_USER_TOKEN_ID = Ids.hex32("demo-token:user-owned");

  /** Global API key login; the same person as {@link #DEMO_MEMBER_JOSE}. */
  public static final String DEMO_EMAIL = "jose.muller@acme.example";

  public static final String DEMO_API_KEY = "sim-demo-global-key-NOT-A-REAL-SECRET";

  // ------------------------------------------------------------- members
  /**
   * José Müller: accepted, 2FA on, Super Administrator (hidden from the roles list) +
   * Administrator.
   */
  public static final String DEMO_MEMBER_JOSE = DemoSeed.memberId("jose");

  public static final String DEMO_USER_JOSE = DemoSeed.userId("jose");

  /** Zoë Ørsted: accepted, 2FA off, Administrator Read Only + Billing. */
  public static final String DEMO_MEMBER_ZOE = DemoSeed.memberId("zoe");

  public static final String DEMO_USER_ZOE = DemoSeed.userId("zoe");

  /** Priya: accepted, {@code last_name} null, Analytics + Log Share. */
  public static final String DEMO_MEMBER_PRIYA = DemoSeed.memberId("priya");

  /** Kwame Mensah: accepted, managed by a policy (roles []). */
  public static final String DEMO_MEMBER_POLICY_KWAME = DemoSeed.memberId("kwame");

  /** 林 美玲: accepted, managed by two policies (allow + deny). */
  public static final String DEMO_MEMBER_POLICY_MEI = DemoSeed.memberId("mei");

  /** new.hire@acme.example: pending, no user id, no names. */
  public static final String DEMO_MEMBER_PENDING_NEW_HIRE = DemoSeed.memberId("newhire");

  public static final String DEMO_EMAIL_PENDING_NEW_HIRE = "new.hire@acme.example";

  /** dev.contractor@partner.example: pending, no user id. */
  public static final String DEMO_MEMBER_PENDING_CONTRACTOR = DemoSeed.memberId("contractor");

  /** Björn Åström: pending but already has a user id. */
  public static final String DEMO_MEMBER_PENDING_WITH_USER = DemoSeed.memberId("bjorn");

  /** old.vendor@vendor.example: rejected, no user id. */
  public static final String DEMO_MEMBER_REJECTED_VENDOR = DemoSeed.memberId("oldvendor");

  /** Élodie Marchand: rejected, has a user id. */
  public static final String DEMO_MEMBER_REJECTED_ELODIE = DemoSeed.memberId("elodie");

  // ------------------------------------------------------------- roles
  public static final String ROLE_ADMINISTRATOR = RoleCatalog.id("Administrator");
  public static final String ROLE_ADMINISTRATOR_READ_ONLY = RoleCatalog.ADMIN_READ_ONLY_ID;
  public static final String ROLE_ANALYTICS = RoleCatalog.id("Analytics");
  public static final String ROLE_BILLING = RoleCatalog.id("Billing");
  public static final String ROLE_DNS = RoleCatalog.id("DNS");
  public static final String ROLE_FIREWALL = RoleCatalog.id("Firewall");
  public static final String ROLE_ZERO_TRUST = RoleCatalog.id("Cloudflare Zero Trust");

  /** Same as {@link Wire#SUPER_ADMIN_ROLE_ID}. */
  public static final String ROLE_SUPER_ADMIN = Wire.SUPER_ADMIN_ROLE_ID;

  /** Permission groups and resource groups that policy bodies may reference. */
  public static final String PERMISSION_GROUP_DOMAIN_ADMIN = Ids.hex32("pg:Domain Administrator");

  public static final String PERMISSION_GROUP_ANALYTICS = Ids.hex32("pg:Analytics");
  public static final String PERMISSION_GROUP_DNS = Ids.hex32("pg:DNS");
  public static final String PERMISSION_GROUP_BILLING = Ids.hex32("pg:Billing");
  public static final String PERMISSION_GROUP_ZONE_READ = Ids.hex32("pg:Zone Read");

  /**
   * IAM user groups of the demo; the two okta-… ones count as SCIM-owned ({@link
   * #DEMO_SCIM_GROUPS}).
   */
  public static final String DEMO_USER_GROUP_ONCALL = DemoUserGroups.groupId("eng-oncall");

  public static final String DEMO_USER_GROUP_CONTRACTORS =
      DemoUserGroups.groupId("contractors-readonly");
  public static final String DEMO_USER_GROUP_OKTA_FINANCE = DemoUserGroups.groupId("okta-finance");
  public static final String DEMO_USER_GROUP_OKTA_SECURITY =
      DemoUserGroups.groupId("okta-security");

  /** The --scim-groups value --demo uses when none is given. */
  public static final String DEMO_SCIM_GROUPS = "okta-*";

  public static final String DEMO_MEMBER_KEN = DemoSeed.memberId("ken");

  /** The zone of the demo's zone-scoped resource group. */
  public static final String DEMO_ZONE_ACME = Ids.hex32("zone:acme.example");

  public static final String RESOURCE_GROUP_ACCOUNT = Ids.hex32("rg:account");
  public static final String RESOURCE_GROUP_ZONE = Ids.hex32("rg:zone:acme.example");

  // ------------------------------------------------------------- tokens
  public static final String DEMO_TOKEN_TERRAFORM = Ids.hex32("demo-token:terraform-ci");
  public static final String DEMO_TOKEN_DISABLED = Ids.hex32("demo-token:legacy-dns-updater");
  public static final String DEMO_TOKEN_EXPIRED = Ids.hex32("demo-token:old-deploy-bot");

  /** grafana-analytics: status active although its expires_on (2025-06-15) has passed. */
  public static final String DEMO_TOKEN_EXPIRED_BUT_ACTIVE = Ids.hex32("demo-token:grafana");

  /** incident-response: active, expires 2025-07-20 (soon, seen from the demo's July 2025). */
  public static final String DEMO_TOKEN_EXPIRING = Ids.hex32("demo-token:incident");

  // ------------------------------------------------------------- Zero Trust
  /** Access user Ana Ruiz (also a member): risk medium, one event. */
  public static final String DEMO_ACCESS_USER_ANA = DemoSeed.accessUserId("ana.ruiz@acme.example");

  /** Access user Rafael (partner contractor, not a member): risk high, three events. */
  public static final String DEMO_ACCESS_USER_RAFAEL =
      DemoSeed.accessUserId("rafael.costa@partner.example");

  /** Access user Sofia (member): risk reset earlier (low, no events, last_reset_time set). */
  public static final String DEMO_ACCESS_USER_SOFIA =
      DemoSeed.accessUserId("sofia.papadopoulou@acme.example");

  /** Access user who never logged in ({@code last_successful_login} null, seats absent). */
  public static final String DEMO_ACCESS_USER_NEVER_LOGGED_IN =
      DemoSeed.accessUserId("pending.onboarding@acme.example");

  public static final String DEMO_GROUP_ENGINEERING = DemoGroups.groupId("engineering");
  public static final String DEMO_GROUP_PLATFORM = DemoGroups.groupId("platform");
  public static final String DEMO_GROUP_SRE = DemoGroups.groupId("sre");
  public static final String DEMO_GROUP_CYCLE_A = DemoGroups.groupId("cycle-a");
  public static final String DEMO_GROUP_CYCLE_B = DemoGroups.groupId("cycle-b");
  public static final String DEMO_GROUP_ALL_STAFF = DemoGroups.groupId("all-staff");
  public static final String DEMO_GROUP_OFFICE = DemoGroups.groupId("office");
  public static final String DEMO_GROUP_DEVICES = DemoGroups.groupId("devices");
  public static final String DEMO_GROUP_IDP = DemoGroups.groupId("idp");
  public static final String DEMO_GROUP_SERVICES = DemoGroups.groupId("services");
  public static final String DEMO_GROUP_MEMBERS_LOW_RISK = DemoGroups.groupId("members-low-risk");
  public static final String DEMO_GROUP_FUTURE = DemoGroups.groupId("future");
  public static final String DEMO_GROUP_PARTNERS = DemoGroups.groupId("partners");

  public static final String DEMO_APP_GRAFANA = DemoApps.appId("grafana");
  public static final String DEMO_APP_WIKI = DemoApps.appId("wiki");
  public static final String DEMO_APP_STATUS = DemoApps.appId("status");
  public static final String DEMO_APP_CI = DemoApps.appId("ci");

  public static final String DEMO_LIST_SRE_EMAILS = DemoGroups.listId("sre-oncall");
  public static final String DEMO_LIST_PARTNER_EMAILS = DemoGroups.listId("partner-contacts");
  public static final String DEMO_LIST_OFFICE_IPS = DemoGroups.listId("office-egress");
  public static final String DEMO_LIST_BLOCKED_DOMAINS = DemoGroups.listId("blocked-domains");

  /**
   * Intel for a homograph phishing domain: "раураl.com" (Cyrillic р, а, у) in its ASCII form, so an
   * internationalised name can be looked up by its Unicode spelling.
   */
  public static final String DEMO_DOMAIN_LOOKALIKE = "xn--l-7sba6dbr.com";

  public static final String DEMO_IDP_OKTA = Ids.uuid("demo-idp:okta");
  public static final String DEMO_IDP_AZURE = Ids.uuid("demo-idp:azure");
  public static final String DEMO_INTEGRATION_OKTA = Ids.uuid("demo-integration:okta");

  /** Every Access rule kind of cloudflare-api.md §6; the demo groups use each at least once. */
  public static final List<String> RULE_KINDS =
      List.of(
          "email",
          "email_domain",
          "everyone",
          "email_list",
          "group",
          "ip",
          "ip_list",
          "geo",
          "certificate",
          "common_name",
          "auth_method",
          "device_posture",
          "login_method",
          "auth_context",
          "azureAD",
          "okta",
          "gsuite",
          "github-organization",
          "saml",
          "oidc",
          "service_token",
          "any_valid_service_token",
          "external_evaluation",
          "linked_app_token",
          "user_risk_score",
          "cloudflare_account_member");

  /** A rule kind Cloudflare might add later; must survive a PUT round-trip verbatim. */
  public static final String UNKNOWN_RULE_KIND = "device_trust_level";

  /** The realistic demo account (a new instance every call). */
  public static SimAccount demo() {
    return DemoSeed.build();
  }

  /**
   * Size of a generated account.
   *
   * @param members account members (each with 1–3 roles; ~2% pending, ~0.2% policy-managed)
   * @param roles listed roles (60 realistic names, then "Custom Role n")
   * @param tokens account API tokens
   * @param accessUsers Zero Trust Access users (the first half share member emails)
   * @param groups Access groups mixing email, email_domain, everyone, email_list and nested rules
   */
  public record Scale(int members, int roles, int tokens, int accessUsers, int groups) {
    public Scale {
      if (members < 0 || roles < 1 || tokens < 0 || accessUsers < 0 || groups < 0) {
        throw new IllegalArgumentException("counts must be >= 0 and roles >= 1");
      }
    }

    /** {@code members} members, 60 roles, 10 tokens, members/10 Access users, 20 groups. */
    public static Scale ofMembers(int members) {
      return new Scale(members, 60, 10, Math.max(10, members / 10), 20);
    }
  }

  /** A deterministic synthetic account: the same scale and seed give the same account. */
  public static SimAccount generated(Scale scale, long seed) {
    return GeneratedSeed.build(scale, seed);
  }
}
