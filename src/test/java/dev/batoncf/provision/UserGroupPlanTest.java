package dev.batoncf.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.UserGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user-group membership planner. */
class UserGroupPlanTest {
  final UserGroup oncall = new UserGroup("g1", "eng-oncall", null, null, List.of());
  final Member accepted = member(Member.ACCEPTED);

  @Test
  void addAndRemoveChangeOnlyWhatIsNotSoYet() {
    assertEquals(Outcome.CHANGED, UserGroupPlan.add(oncall, null, accepted, false).outcome());
    assertNull(UserGroupPlan.add(oncall, null, accepted, false).reason());
    assertEquals(Outcome.ALREADY_DONE, UserGroupPlan.add(oncall, null, accepted, true).outcome());
    assertEquals(Outcome.CHANGED, UserGroupPlan.remove(oncall, null, accepted, true).outcome());
    assertEquals(
        Outcome.ALREADY_DONE, UserGroupPlan.remove(oncall, null, accepted, false).outcome());
  }

  @Test
  void scimGroupsAreRefusedWithTheReason() {
    UserGroupPlan add = UserGroupPlan.add(oncall, "it matches 'eng-*'", accepted, false);
    assertEquals(Outcome.REFUSED, add.outcome());
    assertEquals(
        "user group eng-oncall is managed by the identity provider through SCIM (it "
            + "matches 'eng-*'); change the membership in the identity provider, which would undo a "
            + "change made here",
        add.reason());
    assertEquals(
        Outcome.REFUSED,
        UserGroupPlan.remove(oncall, "it matches 'eng-*'", accepted, true).outcome());
    // nothing to change is still nothing to change
    assertEquals(
        Outcome.ALREADY_DONE,
        UserGroupPlan.remove(oncall, "it matches 'eng-*'", accepted, false).outcome());
  }

  @Test
  void pendingMembersAreRefused() {
    UserGroupPlan p = UserGroupPlan.add(oncall, null, member(Member.PENDING), false);
    assertEquals(Outcome.REFUSED, p.outcome());
    assertEquals(
        "member new.hire@example.org has not accepted the invitation (pending); add "
            + "them to the group once they have",
        p.reason());
  }

  private static Member member(String status) {
    return new Member(
        "m1",
        "new.hire@example.org",
        status,
        new Member.MemberUser("u1", "new.hire@example.org", null, null, false),
        List.of(),
        List.of());
  }
}
