package dev.batoncf.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Role;
import dev.batoncf.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolePlanTest {
  static final String RO = "05784afa30c1afe1440e79d9351c7430";
  static final String DNS = "3536bcfad5faccb999b47003c79917fb";
  static final String NEW = "c8fed203ed3043cba015a93ad1616f1f";

  private static Member withRoles(String... ids) {
    return new Member(
        "m1",
        "a@x.org",
        "accepted",
        new Member.MemberUser("u1", "a@x.org", "A", "B", true),
        java.util.Arrays.stream(ids).map(id -> new Role(id, "n-" + id, "", null)).toList(),
        List.of());
  }

  @Test
  void grantKeepsExistingRolesAndAddsTheNewOneOnce() {
    RolePlan p = RolePlan.grant(Fixtures.load("member_accepted_two_roles.json", Member.class), NEW);
    assertEquals(Outcome.CHANGED, p.outcome());
    assertEquals(List.of(RO, DNS), p.currentRoleIds());
    assertEquals(List.of(RO, DNS, NEW), p.newRoleIds());
  }

  @Test
  void grantOfAHeldRoleIsAlreadyDone() {
    RolePlan p = RolePlan.grant(withRoles(RO, DNS), DNS);
    assertEquals(Outcome.ALREADY_DONE, p.outcome());
    assertEquals(List.of(RO, DNS), p.newRoleIds());
  }

  @Test
  void revokeRemovesOnlyThatRole() {
    RolePlan p = RolePlan.revoke(withRoles(RO, DNS, NEW), DNS);
    assertEquals(Outcome.CHANGED, p.outcome());
    assertEquals(List.of(RO, NEW), p.newRoleIds());
  }

  @Test
  void revokeOfAMissingRoleIsAlreadyDone() {
    assertEquals(Outcome.ALREADY_DONE, RolePlan.revoke(withRoles(RO), DNS).outcome());
  }

  @Test
  void revokeOfTheLastRoleIsRefusedAndPointsToDeletingTheMember() {
    RolePlan p = RolePlan.revoke(withRoles(RO), RO);
    assertEquals(Outcome.REFUSED, p.outcome());
    assertEquals(
        "it is the last role of member a@x.org and Cloudflare requires at least one; "
            + "delete the member instead (--delete-resource u1 --delete-resource-type user)",
        p.reason());
  }

  @Test
  void policyManagedMembersAreRefusedBothWays() {
    Member m = Fixtures.load("member_policy_managed_unicode.json", Member.class);
    RolePlan g = RolePlan.grant(m, RO);
    RolePlan r = RolePlan.revoke(m, RO);
    assertEquals(Outcome.REFUSED, g.outcome());
    assertEquals(Outcome.REFUSED, r.outcome());
    assertTrue(
        g.reason()
            .startsWith(
                "member watanabe.ken@example.jp is managed by permission " + "policies (1)"),
        g.reason());
  }

  @Test
  void membersWithBothRolesAndPoliciesAreRefusedToo() {
    Member m =
        new Member(
            "m1",
            "a@x.org",
            "accepted",
            null,
            List.of(new Role(RO, "ro", "", null)),
            List.of(new JsonObject()));
    assertEquals(Outcome.REFUSED, RolePlan.grant(m, DNS).outcome());
  }
}
