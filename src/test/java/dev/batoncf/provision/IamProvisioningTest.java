package dev.batoncf.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.ScimGroups;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.simulator.SimPolicy;
import dev.batoncf.support.SimSync;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User-group membership and member-policy provisioning against the simulated demo account over
 * loopback HTTP: the writes sent, idempotent repeats, dry runs and every refusal.
 */
class IamProvisioningTest {
  static final MembershipChanges.Hints NO_HINTS = (t, id, k) -> null;

  CfSimulator sim;
  CloudflareClient client;
  MembershipChanges changes;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    client = SimSync.client(sim, SimSync.demoToken());
    changes = new MembershipChanges(client, ScimGroups.parse(Seeds.DEMO_SCIM_GROUPS));
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private SimMember member(String email) {
    return sim.account().memberByEmail(email).orElseThrow();
  }

  private Change userGroup(String group, String email, boolean grant, boolean dryRun) {
    return changes.apply(
        "user_group", group, "member", "user", member(email).user().id(), NO_HINTS, grant, dryRun);
  }

  private Change policy(String rg, String pg, String email, boolean grant, boolean dryRun) {
    return changes.apply(
        "resource_group", rg, pg, "user", member(email).user().id(), NO_HINTS, grant, dryRun);
  }

  private List<String> groupMembers(String group) {
    return sim.account().userGroups().get(group).orElseThrow().memberIds();
  }

  @Test
  void addToAUserGroupPostsOnceAndARepeatWritesNothing() {
    String ana = member("ana.ruiz@acme.example").id();
    Change dry = userGroup(Seeds.DEMO_USER_GROUP_ONCALL, "ana.ruiz@acme.example", true, true);
    assertEquals(Outcome.CHANGED, dry.outcome());
    assertEquals(
        "POST /accounts/"
            + Seeds.DEMO_ACCOUNT_ID
            + "/iam/user_groups/"
            + Seeds.DEMO_USER_GROUP_ONCALL
            + "/members [{\"id\":\""
            + ana
            + "\"}]",
        dry.request());
    assertEquals(0, sim.requests().matching("POST", Paths.USER_GROUP_MEMBERS).size());

    Change first = userGroup(Seeds.DEMO_USER_GROUP_ONCALL, "ana.ruiz@acme.example", true, false);
    assertEquals(Outcome.CHANGED, first.outcome());
    assertEquals(
        List.of("eng-oncall (" + Seeds.DEMO_USER_GROUP_ONCALL + "): not a member"), first.before());
    assertTrue(groupMembers(Seeds.DEMO_USER_GROUP_ONCALL).contains(ana));
    var post = sim.requests().matching("POST", Paths.USER_GROUP_MEMBERS);
    assertEquals(1, post.size());
    assertEquals(
        "[{\"id\":\"" + ana + "\"}]", JsonParser.parseString(post.get(0).body()).toString());

    Change again = userGroup(Seeds.DEMO_USER_GROUP_ONCALL, "ana.ruiz@acme.example", true, false);
    assertEquals(Outcome.ALREADY_DONE, again.outcome());
    assertEquals(1, sim.requests().matching("POST", Paths.USER_GROUP_MEMBERS).size());
  }

  @Test
  void removeFromAUserGroupDeletesOnlyThatMembership() {
    String ken = member("ken.watanabe@acme.example").id();
    Change c = userGroup(Seeds.DEMO_USER_GROUP_ONCALL, "ken.watanabe@acme.example", false, false);
    assertEquals(Outcome.CHANGED, c.outcome());
    assertEquals(
        List.of(
            member("dmitry.sokolov@acme.example").id(), member("kwame.mensah@acme.example").id()),
        groupMembers(Seeds.DEMO_USER_GROUP_ONCALL));
    assertEquals(1, sim.requests().matching("DELETE", Paths.USER_GROUP_MEMBER).size());
    assertTrue(sim.account().member(ken).isPresent(), "the account membership stays");
    assertEquals(
        Outcome.ALREADY_DONE,
        userGroup(Seeds.DEMO_USER_GROUP_ONCALL, "ken.watanabe@acme.example", false, false)
            .outcome());
  }

  @Test
  void scimGroupsAndPendingMembersAreRefusedBeforeAnyWrite() {
    Change scim =
        userGroup(Seeds.DEMO_USER_GROUP_OKTA_FINANCE, "zoe.orsted@acme.example", false, false);
    assertEquals(Outcome.REFUSED, scim.outcome());
    assertEquals(
        "user group okta-finance is managed by the identity provider through SCIM (it "
            + "matches the SCIM-managed pattern 'okta-*' (--scim-groups)); change the membership in "
            + "the identity provider, which would undo a change made here",
        scim.message());
    assertEquals(
        Outcome.REFUSED,
        userGroup(Seeds.DEMO_USER_GROUP_OKTA_SECURITY, "ana.ruiz@acme.example", true, false)
            .outcome());
    Change pending =
        changes.apply(
            "user_group",
            Seeds.DEMO_USER_GROUP_ONCALL,
            "member",
            "invitation",
            Seeds.DEMO_MEMBER_PENDING_NEW_HIRE,
            NO_HINTS,
            true,
            false);
    assertEquals(Outcome.REFUSED, pending.outcome());
    assertTrue(pending.message().contains("pending invitation"), pending.message());
    assertEquals(
        0,
        sim.requests().matching("POST", Paths.USER_GROUP_MEMBERS).size()
            + sim.requests().matching("DELETE", Paths.USER_GROUP_MEMBER).size());
    assertThrows(
        ProvisionException.class,
        () -> userGroup("0123456789abcdef0123456789abcdef", "ana.ruiz@acme.example", true, false));
  }

  @Test
  void grantOnAPolicyManagedMemberAppendsOnePolicyAndKeepsTheOthers() {
    SimMember mei = member("meiling.lin@acme.example");
    List<SimPolicy> before = mei.policies();
    Change c =
        policy(
            Seeds.RESOURCE_GROUP_ZONE,
            Seeds.PERMISSION_GROUP_DOMAIN_ADMIN,
            "meiling.lin@acme.example",
            true,
            false);
    assertEquals(Outcome.CHANGED, c.outcome(), c.message());
    List<SimPolicy> after = member("meiling.lin@acme.example").policies();
    assertEquals(3, after.size());
    assertEquals(before, after.subList(0, 2), "the allow and the deny policy stay as they were");
    assertEquals("allow", after.get(2).access());
    assertEquals(Seeds.PERMISSION_GROUP_DOMAIN_ADMIN, after.get(2).permissionGroups().get(0).id());
    assertEquals(Seeds.RESOURCE_GROUP_ZONE, after.get(2).resourceGroups().get(0).id());
    assertTrue(
        c.after()
            .contains(
                "allow: Domain Administrator on zone "
                    + Seeds.DEMO_ZONE_ACME
                    + " (policy "
                    + after.get(2).id()
                    + ")"),
        c.after().toString());
    assertEquals(1, sim.requests().matching("PUT", Paths.MEMBER).size());

    Change again =
        policy(
            Seeds.RESOURCE_GROUP_ZONE,
            Seeds.PERMISSION_GROUP_DOMAIN_ADMIN,
            "meiling.lin@acme.example",
            true,
            false);
    assertEquals(Outcome.ALREADY_DONE, again.outcome());
    assertEquals(1, sim.requests().matching("PUT", Paths.MEMBER).size());
  }

  @Test
  void revokeSplitsMeisTwoPermissionPolicyAndADryRunSendsNothing() {
    SimMember mei = member("meiling.lin@acme.example");
    Change dry =
        policy(
            Seeds.RESOURCE_GROUP_ACCOUNT,
            Seeds.PERMISSION_GROUP_DNS,
            "meiling.lin@acme.example",
            false,
            true);
    assertEquals(Outcome.CHANGED, dry.outcome());
    assertTrue(
        dry.request()
            .startsWith(
                "PUT /accounts/"
                    + Seeds.DEMO_ACCOUNT_ID
                    + "/members/"
                    + mei.id()
                    + " {\"policies\":["),
        dry.request());
    assertEquals(0, sim.requests().matching("PUT", Paths.MEMBER).size());

    Change c =
        policy(
            Seeds.RESOURCE_GROUP_ACCOUNT,
            Seeds.PERMISSION_GROUP_DNS,
            "meiling.lin@acme.example",
            false,
            false);
    assertEquals(Outcome.CHANGED, c.outcome());
    List<SimPolicy> after = member("meiling.lin@acme.example").policies();
    assertEquals(mei.policies().get(0).id(), after.get(0).id(), "the policy keeps its id");
    assertEquals(
        List.of(Seeds.PERMISSION_GROUP_ANALYTICS),
        after.get(0).permissionGroups().stream().map(SimPolicy.PermissionGroup::id).toList());
    assertEquals(mei.policies().get(1), after.get(1), "the deny policy is untouched");
    assertEquals(2, after.size());
  }

  @Test
  void refusalsNameTheReasonAndWriteNothing() {
    Change roles =
        policy(
            Seeds.RESOURCE_GROUP_ZONE,
            Seeds.PERMISSION_GROUP_DNS,
            "ana.ruiz@acme.example",
            true,
            false);
    assertEquals(Outcome.REFUSED, roles.outcome());
    assertTrue(
        roles
            .message()
            .contains("is managed by roles (1); Cloudflare takes roles or " + "policies, not both"),
        roles.message());
    // kwame has DNS on the zone through eng-oncall only
    Change viaGroup =
        policy(
            Seeds.RESOURCE_GROUP_ZONE,
            Seeds.PERMISSION_GROUP_DNS,
            "kwame.mensah@acme.example",
            false,
            false);
    assertEquals(Outcome.REFUSED, viaGroup.outcome());
    assertTrue(
        viaGroup
            .message()
            .startsWith(
                "the access comes from user group eng-oncall ("
                    + Seeds.DEMO_USER_GROUP_ONCALL
                    + ")"),
        viaGroup.message());
    Change alreadyViaGroup =
        policy(
            Seeds.RESOURCE_GROUP_ZONE,
            Seeds.PERMISSION_GROUP_DNS,
            "kwame.mensah@acme.example",
            true,
            false);
    assertEquals(Outcome.ALREADY_DONE, alreadyViaGroup.outcome());
    Change last =
        policy(
            Seeds.RESOURCE_GROUP_ZONE,
            Seeds.PERMISSION_GROUP_DOMAIN_ADMIN,
            "kwame.mensah@acme.example",
            false,
            false);
    assertEquals(Outcome.REFUSED, last.outcome());
    assertTrue(
        last.message().startsWith("it is the last policy of member kwame.mensah"), last.message());
    Change denied =
        policy(
            Seeds.RESOURCE_GROUP_ACCOUNT,
            Seeds.PERMISSION_GROUP_BILLING,
            "meiling.lin@acme.example",
            true,
            false);
    assertEquals(Outcome.REFUSED, denied.outcome());
    assertEquals(0, sim.requests().matching("PUT", Paths.MEMBER).size());
    assertThrows(
        ProvisionException.class,
        () ->
            changes.apply(
                "resource_group",
                Seeds.RESOURCE_GROUP_ZONE,
                Seeds.PERMISSION_GROUP_DNS,
                "user_group",
                Seeds.DEMO_USER_GROUP_ONCALL,
                NO_HINTS,
                true,
                false));
  }
}
