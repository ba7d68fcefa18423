package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds {@link Seeds#generated}: a deterministic synthetic account of any size. Each part has its
 * own random stream, so changing one count does not reshuffle the others. Accepts the demo
 * credentials. Member {@code i} has email {@code u<i>@corp.example}; every 50th member ({@code i %
 * 50 == 49}) is a pending invite without a user id; every 500th ({@code i % 500 == 250}) is managed
 * by a policy; member 0 holds the Super Administrator role.
 */
final class GeneratedSeed {
  private GeneratedSeed() {}

  static final String MEMBER_DOMAIN = "corp.example";
  static final String EXTERNAL_DOMAIN = "partner.example";

  private static final List<String> FIRST =
      List.of(
          "Ana",
          "José",
          "Zoë",
          "Łukasz",
          "健",
          "Siobhán",
          "Ngozi",
          "François",
          "Σοφία",
          "Дмитрий",
          "Priya",
          "Mateus",
          "Chloé",
          "Hana",
          "Søren",
          "Hương",
          "İpek",
          "Kwame",
          "美玲",
          "Björn");
  private static final List<String> LAST =
      List.of(
          "Ruiz",
          "Müller",
          "Ørsted",
          "Żółć",
          "渡辺",
          "Ní Bhriain",
          "Okonkwo",
          "Lefèvre",
          "Παπαδοπούλου",
          "Соколов",
          "Raghunathan",
          "Conceição",
          "Dubois",
          "Kovářová",
          "Kierkegård",
          "Nguyễn",
          "Yıldız",
          "Mensah",
          "林",
          "Åström",
          "Smith",
          "Tanaka");

  static SimAccount build(Seeds.Scale s, long seed) {
    String accountId = Ids.hex32(new SplittableRandom(seed));
    SimAccount a =
        new SimAccount(accountId, "Generated account " + Long.toHexString(seed))
            .acceptApiToken(
                Seeds.DEMO_API_TOKEN, Ids.hex32(new SplittableRandom(seed ^ 0x70CE17L)), true)
            .acceptApiToken(Seeds.DEMO_USER_API_TOKEN, Seeds.DEMO_USER_TOKEN_ID, false)
            .acceptGlobalKey(Seeds.DEMO_EMAIL, Seeds.DEMO_API_KEY);
    List<SimRole> roles = RoleCatalog.roles(s.roles());
    roles.forEach(a::putRole);
    SimPolicy.PermissionGroup pg =
        new SimPolicy.PermissionGroup(Seeds.PERMISSION_GROUP_DOMAIN_ADMIN, "Domain Administrator");
    SimPolicy.ResourceGroup rg =
        new SimPolicy.ResourceGroup(
            Seeds.RESOURCE_GROUP_ACCOUNT,
            "com.cloudflare.api.account." + accountId,
            "com.cloudflare.api.account." + accountId);
    a.putPermissionGroup(pg).putResourceGroup(rg);
    members(a, s, new SplittableRandom(seed ^ 0x4D454DL), roles, pg, rg);
    tokens(a, s, new SplittableRandom(seed ^ 0x544F4BL));
    List<String> emails = accessUsers(a, s, new SplittableRandom(seed ^ 0x414355L));
    groups(a, s, new SplittableRandom(seed ^ 0x475250L), emails);
    DemoSeed.intel(a);
    return a;
  }

  private static void members(
      SimAccount a,
      Seeds.Scale s,
      SplittableRandom r,
      List<SimRole> roles,
      SimPolicy.PermissionGroup pg,
      SimPolicy.ResourceGroup rg) {
    List<SimPolicy> policies =
        List.of(new SimPolicy(Ids.hex32(r), "allow", List.of(pg), List.of(rg)));
    for (int i = 0; i < s.members(); i++) {
      String memberId = Ids.hex32(r);
      String userId = Ids.hex32(r);
      boolean pending = i % 50 == 49;
      boolean byPolicy = i % 500 == 250;
      String first = pending ? null : FIRST.get(i % FIRST.size());
      String last = pending || i % 97 == 5 ? null : LAST.get((i / FIRST.size()) % LAST.size());
      List<String> roleIds = byPolicy ? List.of() : pickRoles(r, roles, i);
      a.putMember(
          new SimMember(
              memberId,
              "u" + i + "@" + MEMBER_DOMAIN,
              pending ? Wire.STATUS_PENDING : Wire.STATUS_ACCEPTED,
              new SimMember.User(pending ? null : userId, first, last, r.nextInt(3) != 0),
              roleIds,
              byPolicy ? policies : List.of()));
    }
  }

  private static List<String> pickRoles(SplittableRandom r, List<SimRole> roles, int i) {
    if (i == 0) {
      return List.of(Wire.SUPER_ADMIN_ROLE_ID, roles.get(0).id());
    }
    int n = Math.min(roles.size(), 1 + r.nextInt(3));
    String a = roles.get(r.nextInt(roles.size())).id();
    if (n == 1) {
      return List.of(a);
    }
    String b = roles.get(r.nextInt(roles.size())).id();
    String c = n == 3 ? roles.get(r.nextInt(roles.size())).id() : b;
    if (b.equals(a)) {
      return c.equals(a) ? List.of(a) : List.of(a, c);
    }
    return c.equals(a) || c.equals(b) ? List.of(a, b) : List.of(a, b, c);
  }

  private static void tokens(SimAccount a, Seeds.Scale s, SplittableRandom r) {
    String[] statuses = {
      Wire.TOKEN_ACTIVE, Wire.TOKEN_ACTIVE, Wire.TOKEN_DISABLED, Wire.TOKEN_EXPIRED
    };
    for (int t = 0; t < s.tokens(); t++) {
      String status = statuses[t % statuses.length];
      a.putToken(
          new SimToken(
              Ids.hex32(r),
              "token-" + t,
              status,
              "2025-01-01T00:00:00Z",
              "2025-01-02T00:00:00Z",
              t % 3 == 0 ? null : "2025-06-01T12:00:00.5Z",
              null,
              Wire.TOKEN_EXPIRED.equals(status) ? "2025-03-01T00:00:00Z" : null,
              "u0@" + MEMBER_DOMAIN,
              null,
              null,
              null,
              null,
              List.of()));
    }
  }

  /** Returns every Access user email, in creation order. */
  private static List<String> accessUsers(SimAccount a, Seeds.Scale s, SplittableRandom r) {
    List<String> emails = new ArrayList<>(s.accessUsers());
    int shared = s.accessUsers() / 2;
    int step = Math.max(1, s.members() / Math.max(1, shared));
    for (int i = 0; i < s.accessUsers(); i++) {
      int member = i * step;
      String email =
          i < shared && member < s.members() && member % 50 != 49
              ? "u" + member + "@" + MEMBER_DOMAIN
              : "ext" + i + "@" + EXTERNAL_DOMAIN;
      String id = Ids.uuid(r);
      String login =
          i % 7 == 0
              ? null
              : "2025-06-"
                  + String.format("%02d", 1 + i % 28)
                  + (i % 2 == 0 ? "T08:00:00Z" : "T08:00:00.25Z");
      a.putAccessUser(
          new SimAccessUser(
              id,
              id,
              email,
              "User " + i,
              i % 5 != 0,
              i % 3 == 0,
              Ids.hex32(r),
              i % 4,
              login,
              "2024-01-01T00:00:00Z",
              "2025-06-30T00:00:00Z"));
      if (i % 20 == 3) {
        String level = i % 3 == 0 ? Wire.RISK_HIGH : i % 3 == 1 ? Wire.RISK_MEDIUM : Wire.RISK_LOW;
        a.putRisk(
            id,
            new SimRisk(
                level,
                List.of(
                    new SimRisk.Event(
                        Ids.uuid(r), "Impossible travel", level, "2025-06-29T22:10:00Z", null)),
                null));
      }
      emails.add(email);
    }
    return emails;
  }

  private static void groups(SimAccount a, Seeds.Scale s, SplittableRandom r, List<String> emails) {
    String previous = null;
    for (int g = 0; g < s.groups(); g++) {
      String id = Ids.uuid(r);
      JsonArray include = new JsonArray();
      JsonArray exclude = new JsonArray();
      JsonArray require = new JsonArray();
      switch (g % 5) {
        case 0 -> {
          for (int k = 0; k < 5 && !emails.isEmpty(); k++) {
            include.add(rule("email", "email", emails.get(r.nextInt(emails.size()))));
          }
        }
        case 1 -> {
          include.add(rule("email_domain", "domain", MEMBER_DOMAIN));
          if (!emails.isEmpty()) {
            exclude.add(rule("email", "email", emails.get(r.nextInt(emails.size()))));
          }
        }
        case 2 -> {
          include.add(rule("everyone", null, null));
          exclude.add(rule("email_domain", "domain", EXTERNAL_DOMAIN));
        }
        case 3 -> {
          String listId = Ids.uuid(r);
          List<SimList.Item> items = new ArrayList<>();
          for (int k = 0; k < 50 && !emails.isEmpty(); k++) {
            items.add(new SimList.Item(emails.get(r.nextInt(emails.size())), "", null));
          }
          a.putList(
              new SimList(
                  listId,
                  "list-" + g,
                  "generated",
                  "EMAIL",
                  "2025-01-01T00:00:00Z",
                  "2025-01-01T00:00:00Z",
                  items));
          include.add(rule("email_list", "id", listId));
        }
        default -> {
          include.add(rule("group", "id", previous));
          if (!emails.isEmpty()) {
            include.add(rule("email", "email", emails.get(r.nextInt(emails.size()))));
          }
          require.add(rule("email_domain", "domain", MEMBER_DOMAIN));
        }
      }
      JsonObject group = new JsonObject();
      group.addProperty("id", id);
      group.addProperty("name", "group-" + g);
      group.add("include", include);
      group.add("exclude", exclude);
      group.add("require", require);
      group.addProperty("is_default", false);
      group.addProperty("created_at", "2025-01-01T00:00:00Z");
      group.addProperty("updated_at", "2025-01-01T00:00:00Z");
      a.putGroup(group);
      previous = id;
    }
  }

  private static JsonObject rule(String kind, String field, String value) {
    JsonObject inner = new JsonObject();
    if (field != null) {
      inner.addProperty(field, value);
    }
    JsonObject rule = new JsonObject();
    rule.add(kind, inner);
    return rule;
  }
}
