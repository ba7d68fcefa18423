package dev.batoncf.provision;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pure planner for role assignment: current member + change → the complete new role set, or
 * ALREADY_DONE, or REFUSED with the reason. No I/O, so every rule is tested on its own.
 *
 * @param newRoleIds the complete set to PUT (Cloudflare replaces roles with exactly what is sent)
 */
public record RolePlan(
    Outcome outcome, List<String> currentRoleIds, List<String> newRoleIds, String reason) {

  public static RolePlan grant(Member m, String roleId) {
    Set<String> current = roleIds(m);
    String refusal = refuseIfPolicyManaged(m);
    if (refusal != null) {
      return new RolePlan(Outcome.REFUSED, List.copyOf(current), List.copyOf(current), refusal);
    }
    if (current.contains(roleId)) {
      return new RolePlan(
          Outcome.ALREADY_DONE, List.copyOf(current), List.copyOf(current), "already has the role");
    }
    List<String> next = new ArrayList<>(current);
    next.add(roleId);
    return new RolePlan(Outcome.CHANGED, List.copyOf(current), List.copyOf(next), null);
  }

  public static RolePlan revoke(Member m, String roleId) {
    Set<String> current = roleIds(m);
    String refusal = refuseIfPolicyManaged(m);
    if (refusal != null) {
      return new RolePlan(Outcome.REFUSED, List.copyOf(current), List.copyOf(current), refusal);
    }
    if (!current.contains(roleId)) {
      return new RolePlan(
          Outcome.ALREADY_DONE,
          List.copyOf(current),
          List.copyOf(current),
          "does not have the role");
    }
    if (current.size() == 1) {
      return new RolePlan(
          Outcome.REFUSED,
          List.copyOf(current),
          List.copyOf(current),
          "it is the last role of "
              + who(m)
              + " and Cloudflare requires at least one; "
              + "delete the member instead (--delete-resource "
              + userOrMemberId(m)
              + " --delete-resource-type user)");
    }
    List<String> next = new ArrayList<>(current);
    next.remove(roleId);
    return new RolePlan(Outcome.CHANGED, List.copyOf(current), List.copyOf(next), null);
  }

  /** A roles-only PUT would replace a policy-managed member's scoped policies. */
  private static String refuseIfPolicyManaged(Member m) {
    if (!m.managedByPolicies()) {
      return null;
    }
    return who(m)
        + " is managed by permission policies ("
        + m.policiesOrEmpty().size()
        + "); a role update would replace them, so change their access in the Cloudflare "
        + "dashboard (Manage Account > Members) instead";
  }

  /** Distinct role ids in Cloudflare's order; the API may repeat an entry. */
  static Set<String> roleIds(Member m) {
    Set<String> ids = new LinkedHashSet<>();
    for (Role r : m.rolesOrEmpty()) {
      if (r.id() != null) {
        ids.add(r.id());
      }
    }
    return ids;
  }

  private static String who(Member m) {
    String email = m.effectiveEmail();
    return "member " + (email != null ? email : m.id());
  }

  private static String userOrMemberId(Member m) {
    return m.userId() != null ? m.userId() : m.id();
  }
}
