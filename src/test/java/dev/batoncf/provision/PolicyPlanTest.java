package dev.batoncf.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.support.Fixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule of the member-policy planner, on the fixture member (two allows, one deny). */
class PolicyPlanTest {
  static final String ZONE_RG = "6d7f2f5f5b1d4a0e9081fdc98d432fd1";
  static final String ACCOUNT_RG = "9e8d7c6b5a4938271605f4e3d2c1b0a9";
  static final String ZONE_READ = "c8fed203ed3043cba015a93ad1616f1f";
  static final String DNS = "82e64a83756745bbbb1c9c2701bf816b";
  static final String BILLING = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
  static final String OWN_ALLOW = "1111aaaa2222bbbb3333cccc4444dddd";
  static final String DENY = "5555eeee6666ffff7777000088881111";
  static final String GROUP_POLICY = "f267e341f3dd4697bd3b9f71dd96247f";

  final Member amara =
      Fixtures.load("member_policies_allow_deny_and_group_inherited.json", Member.class);

  @Test
  void grantAppendsOneAllowPolicyAndKeepsEveryOtherExactly() {
    PolicyPlan p = PolicyPlan.grant(amara, ZONE_RG, BILLING, Set.of(), List.of());
    assertEquals(Outcome.CHANGED, p.outcome());
    assertEquals(
        "[{\"id\":\""
            + OWN_ALLOW
            + "\",\"access\":\"allow\",\"permission_groups\":[{\"id\":\""
            + ZONE_READ
            + "\"},{\"id\":\""
            + DNS
            + "\"}],\"resource_groups\":[{\"id\":\""
            + ZONE_RG
            + "\"}]},{\"id\":\""
            + DENY
            + "\",\"access\":\"deny\",\"permission_groups\":[{\"id\":\""
            + BILLING
            + "\"}],\"resource_groups\":[{\"id\":\""
            + ACCOUNT_RG
            + "\"}]},{\"id\":\""
            + GROUP_POLICY
            + "\",\"access\":\"allow\",\"permission_groups\":[{\"id\":\""
            + ZONE_READ
            + "\"}],\"resource_groups\":[{\"id\":\""
            + ACCOUNT_RG
            + "\"}]},{\"access\":\"allow\","
            + "\"permission_groups\":[{\"id\":\""
            + BILLING
            + "\"}],\"resource_groups\":[{\"id\":\""
            + ZONE_RG
            + "\"}]}]",
        PolicyPlan.body(p.next()).toString());
  }

  @Test
  void grantOfWhatAnAllowGivesIsAlreadyDone() {
    PolicyPlan p = PolicyPlan.grant(amara, ZONE_RG, DNS, Set.of(), List.of());
    assertEquals(Outcome.ALREADY_DONE, p.outcome());
    assertEquals(p.current(), p.next());
  }

  @Test
  void grantOfWhatAGroupGivesIsAlreadyDoneNamingTheGroup() {
    PolicyPlan p = PolicyPlan.grant(amara, ZONE_RG, BILLING, Set.of(), List.of("finance (g1)"));
    assertEquals(Outcome.ALREADY_DONE, p.outcome());
    assertEquals("already held through user group finance (g1)", p.reason());
  }

  @Test
  void grantAgainstTheMembersOwnDenyIsRefused() {
    PolicyPlan p = PolicyPlan.grant(amara, ACCOUNT_RG, BILLING, Set.of(), List.of());
    assertEquals(Outcome.REFUSED, p.outcome());
    assertTrue(
        p.reason().startsWith("deny policy " + DENY + " of member amara.diallo@example.org"),
        p.reason());
  }

  @Test
  void aRolesManagedMemberIsRefusedBothWays() {
    Member roles = Fixtures.load("member_accepted_two_roles.json", Member.class);
    for (PolicyPlan p :
        List.of(
            PolicyPlan.grant(roles, ZONE_RG, DNS, Set.of(), List.of()),
            PolicyPlan.grant(roles, ACCOUNT_RG, ZONE_READ, Set.of(), List.of()))) {
      assertEquals(Outcome.REFUSED, p.outcome());
      assertTrue(
          p.reason()
              .contains(
                  "is managed by roles ("
                      + roles.rolesOrEmpty().size()
                      + "); Cloudflare takes roles or policies, not both"),
          p.reason());
    }
  }

  @Test
  void revokeSplitsAPolicyKeepingEveryOtherPair() {
    Member wide =
        member(
            "{\"id\":\"p1\",\"access\":\"allow\",\"permission_groups\":[{\"id\":\"A\"},"
                + "{\"id\":\"B\"}],\"resource_groups\":[{\"id\":\"X\"},{\"id\":\"Y\"}]}");
    PolicyPlan p = PolicyPlan.revoke(wide, "X", "A", Set.of(), List.of());
    assertEquals(Outcome.CHANGED, p.outcome());
    // B on X and Y stays in p1; A stays on Y only, in a new policy
    assertEquals(
        "[{\"id\":\"p1\",\"access\":\"allow\",\"permission_groups\":[{\"id\":\"B\"}],"
            + "\"resource_groups\":[{\"id\":\"X\"},{\"id\":\"Y\"}]},{\"access\":\"allow\","
            + "\"permission_groups\":[{\"id\":\"A\"}],\"resource_groups\":[{\"id\":\"Y\"}]}]",
        PolicyPlan.body(p.next()).toString());
  }

  @Test
  void revokeOfAOnePairPolicyDropsItAndKeepsTheRest() {
    PolicyPlan p = PolicyPlan.revoke(amara, ACCOUNT_RG, ZONE_READ, Set.of(), List.of());
    assertEquals(Outcome.CHANGED, p.outcome());
    assertEquals(List.of(OWN_ALLOW, DENY), p.next().stream().map(x -> x.id()).toList());
  }

  @Test
  void revokeOfTheOnlyPolicyIsRefused() {
    Member one =
        member(
            "{\"id\":\"p1\",\"access\":\"allow\",\"permission_groups\":[{\"id\":\"A\"}],"
                + "\"resource_groups\":[{\"id\":\"X\"}]}");
    PolicyPlan p = PolicyPlan.revoke(one, "X", "A", Set.of(), List.of());
    assertEquals(Outcome.REFUSED, p.outcome());
    assertTrue(p.reason().startsWith("it is the last policy of member"), p.reason());
  }

  @Test
  void revokeOfGroupAccessIsRefusedNamingTheGroupAndNothingChanges() {
    PolicyPlan onlyGroup =
        PolicyPlan.revoke(amara, ZONE_RG, BILLING, Set.of(), List.of("finance (g1)"));
    assertEquals(Outcome.REFUSED, onlyGroup.outcome());
    assertTrue(
        onlyGroup
            .reason()
            .startsWith(
                "the access comes from user group finance (g1), "
                    + "not from a policy of member amara.diallo@example.org"),
        onlyGroup.reason());
    PolicyPlan both = PolicyPlan.revoke(amara, ZONE_RG, DNS, Set.of(), List.of("oncall (g2)"));
    assertEquals(Outcome.REFUSED, both.outcome());
    assertTrue(
        both.reason()
            .startsWith(
                "member amara.diallo@example.org would keep this access "
                    + "through user group oncall (g2)"),
        both.reason());
    assertEquals(both.current(), both.next());
  }

  @Test
  void policiesAGroupOwnsAreNeitherOwnAccessNorSentBack() {
    PolicyPlan revoke =
        PolicyPlan.revoke(amara, ACCOUNT_RG, ZONE_READ, Set.of(GROUP_POLICY), List.of());
    assertEquals(Outcome.ALREADY_DONE, revoke.outcome());
    PolicyPlan grant = PolicyPlan.grant(amara, ZONE_RG, BILLING, Set.of(GROUP_POLICY), List.of());
    assertEquals(
        List.of(OWN_ALLOW, DENY), grant.next().stream().limit(2).map(x -> x.id()).toList());
    assertEquals(3, grant.next().size());
  }

  @Test
  void revokeOfWhatNothingGivesIsAlreadyDone() {
    assertEquals(
        Outcome.ALREADY_DONE,
        PolicyPlan.revoke(amara, ZONE_RG, BILLING, Set.of(), List.of()).outcome());
  }

  private static Member member(String policyJson) {
    JsonObject o =
        JsonParser.parseString(
                "{\"id\":\"m1\",\"email\":\"x@example.org\","
                    + "\"status\":\"accepted\",\"user\":{\"id\":\"u1\",\"email\":\"x@example.org\"},"
                    + "\"roles\":[],\"policies\":["
                    + policyJson
                    + "]}")
            .getAsJsonObject();
    return CloudflareClient.gson().fromJson(o, Member.class);
  }
}
