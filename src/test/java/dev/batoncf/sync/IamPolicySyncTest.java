package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.connector.Protos;
import dev.batoncf.connector.ScimGroups;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.GrantSources;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.simulator.SimPolicy;
import dev.batoncf.simulator.SimUserGroup;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Member policies and IAM user groups of the demo account, synced over loopback HTTP into a real
 * c1z file: every resource-group grant (direct, to a group, derived by expansion), the memberships
 * with SCIM ones immutable, deny policies only on profiles, the request count, and a member object
 * that also lists a policy its group owns.
 */
class IamPolicySyncTest {
  static final String RG_ACCOUNT = Seeds.RESOURCE_GROUP_ACCOUNT;
  static final String RG_ZONE = Seeds.RESOURCE_GROUP_ZONE;

  @TempDir Path dir;

  final SimAccount account = Seeds.demo();
  final Map<String, Grant> grants = new TreeMap<>();
  final Map<String, Entitlement> entitlements = new TreeMap<>();
  final Map<String, Resource> resources = new TreeMap<>();

  private FileSync.Result sync(SimAccount a, CfSimulator sim) throws Exception {
    Path file = dir.resolve("iam.c1z");
    FileSync.Result r =
        SimSync.fileSync(
            sim, file, new ConnectorOptions(true, ScimGroups.parse(Seeds.DEMO_SCIM_GROUPS)));
    try (C1zReader reader = C1zReader.open(file)) {
      reader.forEachGrant(GrantFilter.any(), g -> grants.put(g.getId(), g));
      reader.forEachEntitlement(null, null, e -> entitlements.put(e.getId(), e));
      for (String t : List.of("resource_group", "user_group", "user")) {
        reader.forEachResource(t, x -> resources.put(t + ":" + x.getId().getResource(), x));
      }
    }
    return r;
  }

  private String user(String email) {
    return account.memberByEmail(email).orElseThrow().user().id();
  }

  private static String rg(String rg, String pg) {
    return "resource_group:" + rg + ":" + pg;
  }

  private List<String> ids(String prefix) {
    return grants.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  @Test
  void demoPoliciesAndGroupsBecomeExactlyTheseGrants() throws Exception {
    try (CfSimulator sim = CfSimulator.start(account)) {
      sync(account, sim);
      RequestLog log = sim.requests();
      assertEquals(1, log.count("GET", Paths.RESOURCE_GROUPS));
      assertEquals(1, log.count("GET", Paths.USER_GROUPS));
      assertEquals(4, log.count("GET", Paths.USER_GROUP_MEMBERS));
      log.all().stream()
          .filter(x -> x.template().equals(Paths.USER_GROUP_MEMBERS))
          .forEach(x -> assertEquals("500", x.query().get("per_page")));
    }
    String kwame = user("kwame.mensah@acme.example");
    String mei = user("meiling.lin@acme.example");
    String ken = user("ken.watanabe@acme.example");
    String dmitry = user("dmitry.sokolov@acme.example");
    String priya = user("priya@acme.example");
    String sofia = user("sofia.papadopoulou@acme.example");
    String zoe = user("zoe.orsted@acme.example");
    String oncall = Seeds.DEMO_USER_GROUP_ONCALL;
    String contractors = Seeds.DEMO_USER_GROUP_CONTRACTORS;
    String finance = Seeds.DEMO_USER_GROUP_OKTA_FINANCE;
    String dns = Seeds.PERMISSION_GROUP_DNS;

    List<String> expected =
        new ArrayList<>(
            List.of(
                rg(RG_ZONE, Seeds.PERMISSION_GROUP_DOMAIN_ADMIN) + ":user:" + kwame,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_ANALYTICS) + ":user:" + mei,
                rg(RG_ACCOUNT, dns) + ":user:" + mei,
                rg(RG_ZONE, dns) + ":user_group:" + oncall,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_ANALYTICS) + ":user_group:" + contractors,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_ZONE_READ) + ":user_group:" + contractors,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_BILLING) + ":user_group:" + finance,
                // derived by Baton's expansion from the group grants
                rg(RG_ZONE, dns) + ":user:" + ken,
                rg(RG_ZONE, dns) + ":user:" + dmitry,
                rg(RG_ZONE, dns) + ":user:" + kwame,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_ANALYTICS) + ":user:" + priya,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_ZONE_READ) + ":user:" + priya,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_BILLING) + ":user:" + sofia,
                rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_BILLING) + ":user:" + zoe));
    assertEquals(expected.stream().sorted().toList(), ids("resource_group:"));

    // the derived grant says which group it comes from; a direct one has no sources
    Grant derived = grants.get(rg(RG_ZONE, dns) + ":user:" + ken);
    assertEquals(
        List.of(Any.pack(GrantImmutable.getDefaultInstance())), derived.getAnnotationsList());
    assertEquals(
        List.of("user_group:" + oncall + ":member"),
        List.copyOf(derived.getSources().getSourcesMap().keySet()));
    assertEquals(
        GrantSources.getDefaultInstance(),
        grants
            .get(rg(RG_ZONE, Seeds.PERMISSION_GROUP_DOMAIN_ADMIN) + ":user:" + kwame)
            .getSources());

    // deny policies: on the profiles, never a grant (mei is denied Billing on the account;
    // contractors are denied DNS on the zone)
    assertFalse(
        grants.containsKey(rg(RG_ACCOUNT, Seeds.PERMISSION_GROUP_BILLING) + ":user:" + mei));
    assertFalse(grants.containsKey(rg(RG_ZONE, dns) + ":user_group:" + contractors));
    assertEquals(
        "deny: Billing on account "
            + Seeds.DEMO_ACCOUNT_ID
            + " (policy "
            + account.member(Seeds.DEMO_MEMBER_POLICY_MEI).orElseThrow().policies().get(1).id()
            + ")",
        resources
            .get("user:" + mei)
            .getProfile()
            .getFieldsOrThrow("deny_policies")
            .getListValue()
            .getValues(0)
            .getStringValue());
    assertTrue(
        Protos.profileString(resources.get("user_group:" + contractors).getProfile(), "name")
            .equals("contractors-readonly"));
    assertEquals(
        1,
        resources
            .get("user_group:" + contractors)
            .getProfile()
            .getFieldsOrThrow("deny_policies")
            .getListValue()
            .getValuesCount());

    // six entitlements, each named "<permission group> on <scope>"
    List<String> rgEnts =
        entitlements.keySet().stream().filter(k -> k.startsWith("resource_group:")).toList();
    assertEquals(6, rgEnts.size(), rgEnts.toString());
    assertEquals(
        "DNS on zone " + dev.batoncf.simulator.Seeds.DEMO_ZONE_ACME,
        entitlements.get(rg(RG_ZONE, dns)).getDisplayName());
    assertEquals(
        "zone",
        Protos.profileString(
            resources.get("resource_group:" + RG_ZONE).getProfile(), "scope_kind"));
    assertEquals(
        "account",
        Protos.profileString(
            resources.get("resource_group:" + RG_ACCOUNT).getProfile(), "scope_kind"));
  }

  @Test
  void membershipsOfScimGroupsAreImmutableAndPendingMembersGetNone() throws Exception {
    try (CfSimulator sim = CfSimulator.start(account)) {
      sync(account, sim);
    }
    List<String> memberships = ids("user_group:");
    assertEquals(8, memberships.size(), memberships.toString());
    String finance = "user_group:" + Seeds.DEMO_USER_GROUP_OKTA_FINANCE + ":member:user:";
    Grant scim = grants.get(finance + user("zoe.orsted@acme.example"));
    assertTrue(scim.getAnnotations(0).is(GrantImmutable.class));
    assertEquals("scim", scim.getAnnotations(0).unpack(GrantImmutable.class).getSourceId());
    Grant manual =
        grants.get(
            "user_group:"
                + Seeds.DEMO_USER_GROUP_ONCALL
                + ":member:user:"
                + user("ken.watanabe@acme.example"));
    assertEquals(0, manual.getAnnotationsCount());
    assertEquals(
        4,
        memberships.stream()
            .filter(
                id ->
                    grants.get(id).getAnnotationsList().stream()
                        .anyMatch(a -> a.is(GrantImmutable.class)))
            .count());
    // the pending invitee in okta-finance is no user yet
    assertEquals(2, memberships.stream().filter(id -> id.startsWith(finance)).count());
    assertTrue(
        resources
            .get("user_group:" + Seeds.DEMO_USER_GROUP_OKTA_FINANCE)
            .getProfile()
            .getFieldsOrThrow("scim_managed")
            .getBoolValue());
    assertNull(
        Protos.profileString(
            resources.get("user_group:" + Seeds.DEMO_USER_GROUP_ONCALL).getProfile(),
            "scim_managed_because"));
  }

  @Test
  void aPolicyTheMemberObjectListsButAGroupOwnsIsGrantedThroughTheGroupOnly() throws Exception {
    SimUserGroup oncall = account.userGroups().get(Seeds.DEMO_USER_GROUP_ONCALL).orElseThrow();
    SimPolicy inherited = oncall.policies().get(0);
    SimMember ken = account.member(Seeds.DEMO_MEMBER_KEN).orElseThrow();
    // ken becomes policy-managed with his own Analytics policy, and his object also lists the
    // group's DNS policy (same id), as a dashboard-style "effective" listing would
    SimPolicy own =
        new SimPolicy(
            "aaaabbbbccccddddeeeeffff00001111",
            "allow",
            List.of(account.permissionGroup(Seeds.PERMISSION_GROUP_ANALYTICS).orElseThrow()),
            List.of(account.resourceGroup(RG_ZONE).orElseThrow()));
    account.putMember(ken.withPolicies(List.of(own, inherited)));
    try (CfSimulator sim = CfSimulator.start(account)) {
      sync(account, sim);
    }
    String kenId = ken.user().id();
    Grant viaGroup = grants.get(rg(RG_ZONE, Seeds.PERMISSION_GROUP_DNS) + ":user:" + kenId);
    assertEquals(
        List.of("user_group:" + Seeds.DEMO_USER_GROUP_ONCALL + ":member"),
        List.copyOf(viaGroup.getSources().getSourcesMap().keySet()),
        "granted through the group: derived, with the group as its only source");
    assertTrue(viaGroup.getAnnotations(0).is(GrantImmutable.class));
    assertTrue(
        grants.containsKey(rg(RG_ZONE, Seeds.PERMISSION_GROUP_ANALYTICS) + ":user:" + kenId));
  }

  @Test
  void withoutAccessToUserGroupsTheSyncGoesOnAndSaysSo() throws Exception {
    account.denyPermission("user_groups");
    try (CfSimulator sim = CfSimulator.start(account)) {
      FileSync.Result r = sync(account, sim);
      assertEquals(0, sim.requests().count("GET", Paths.USER_GROUP_MEMBERS));
      assertTrue(
          r.sync().skipped().stream().anyMatch(s -> s.startsWith("user groups skipped")),
          r.sync().skipped().toString());
    }
    assertEquals(List.of(), ids("user_group:"));
    // member policies still arrive
    assertTrue(
        grants.containsKey(
            rg(RG_ZONE, Seeds.PERMISSION_GROUP_DOMAIN_ADMIN)
                + ":user:"
                + user("kwame.mensah@acme.example")));
  }
}
