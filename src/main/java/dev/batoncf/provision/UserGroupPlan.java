package dev.batoncf.provision;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.UserGroup;

/**
 * Pure planner for {@code user_group:<id>:member}: the group, whether the IdP owns it, the member
 * and whether they are in it → CHANGED, ALREADY_DONE or REFUSED with the reason.
 *
 * @param scimReason why the group is SCIM-managed, or null
 */
public record UserGroupPlan(Outcome outcome, String reason) {

  public static UserGroupPlan add(UserGroup g, String scimReason, Member m, boolean inGroup) {
    if (inGroup) {
      return new UserGroupPlan(Outcome.ALREADY_DONE, "already a member of the group");
    }
    String refusal = scimRefusal(g, scimReason);
    if (refusal != null) {
      return new UserGroupPlan(Outcome.REFUSED, refusal);
    }
    if (!m.hasStatus(Member.ACCEPTED)) {
      return new UserGroupPlan(
          Outcome.REFUSED,
          "member "
              + who(m)
              + " has not accepted the "
              + "invitation ("
              + m.status()
              + "); add them to the group once they have");
    }
    return new UserGroupPlan(Outcome.CHANGED, null);
  }

  public static UserGroupPlan remove(UserGroup g, String scimReason, Member m, boolean inGroup) {
    if (!inGroup) {
      return new UserGroupPlan(Outcome.ALREADY_DONE, "not a member of the group");
    }
    String refusal = scimRefusal(g, scimReason);
    if (refusal != null) {
      return new UserGroupPlan(Outcome.REFUSED, refusal);
    }
    return new UserGroupPlan(Outcome.CHANGED, null);
  }

  private static String scimRefusal(UserGroup g, String scimReason) {
    if (scimReason == null) {
      return null;
    }
    return "user group "
        + g.name()
        + " is managed by the identity provider through SCIM ("
        + scimReason
        + "); change the membership in the identity provider, which would undo "
        + "a change made here";
  }

  private static String who(Member m) {
    return m.effectiveEmail() != null ? m.effectiveEmail() : m.id();
  }
}
