package dev.batoncf.provision;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.ResourceGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pure planner for {@code resource_group:<rg>:<pg>} on a policy-managed member: current member +
 * change → the complete new policy list (Cloudflare's PUT replaces them all), or ALREADY_DONE, or
 * REFUSED with the reason. Every other policy is kept exactly; a revoke that hits a policy granting
 * more than the one pair splits it so that only that pair goes.
 *
 * @param next the member's own policies to PUT (policies a user group owns are never sent)
 */
public record PolicyPlan(Outcome outcome, List<Policy> current, List<Policy> next, String reason) {

  /**
   * @param groupPolicyIds ids of policies user groups own (a member object may list them)
   * @param viaGroups names of the member's user groups whose allow policies give the pair
   */
  public static PolicyPlan grant(
      Member m, String rgId, String pgId, Set<String> groupPolicyIds, List<String> viaGroups) {
    List<Policy> own = own(m, groupPolicyIds);
    String refusal = refuseIfRolesManaged(m, own);
    if (refusal != null) {
      return new PolicyPlan(Outcome.REFUSED, own, own, refusal);
    }
    if (own.stream().anyMatch(p -> p.allows() && covers(p, rgId, pgId))) {
      return new PolicyPlan(Outcome.ALREADY_DONE, own, own, "an allow policy already gives it");
    }
    if (!viaGroups.isEmpty()) {
      return new PolicyPlan(
          Outcome.ALREADY_DONE,
          own,
          own,
          "already held through user group " + String.join(", ", viaGroups));
    }
    for (Policy p : own) {
      if (p.denies() && covers(p, rgId, pgId)) {
        return new PolicyPlan(
            Outcome.REFUSED,
            own,
            own,
            "deny policy "
                + p.id()
                + " of "
                + who(m)
                + " denies this permission on this resource group, and a deny wins over "
                + "an allow; remove the deny policy in the Cloudflare dashboard first");
      }
    }
    List<Policy> next = new ArrayList<>(own);
    next.add(
        new Policy(
            null,
            Policy.ALLOW,
            List.of(new Policy.PermissionGroupRef(pgId, null)),
            List.of(new ResourceGroup(rgId, null, null))));
    return new PolicyPlan(Outcome.CHANGED, own, List.copyOf(next), null);
  }

  public static PolicyPlan revoke(
      Member m, String rgId, String pgId, Set<String> groupPolicyIds, List<String> viaGroups) {
    List<Policy> own = own(m, groupPolicyIds);
    boolean direct = own.stream().anyMatch(p -> p.allows() && covers(p, rgId, pgId));
    if (!viaGroups.isEmpty()) {
      String groups = String.join(", ", viaGroups);
      return new PolicyPlan(
          Outcome.REFUSED,
          own,
          own,
          (direct
                  ? who(m) + " would keep this access through user group " + groups
                  : "the access comes from user group "
                      + groups
                      + ", not from a policy of "
                      + who(m))
              + "; remove them from the group (revoke user_group:<id>:member) or change the "
              + "group's policy");
    }
    if (!direct) {
      return new PolicyPlan(Outcome.ALREADY_DONE, own, own, "no allow policy gives it");
    }
    List<Policy> next = new ArrayList<>();
    for (Policy p : own) {
      if (!p.allows() || !covers(p, rgId, pgId)) {
        next.add(p);
        continue;
      }
      List<Policy.PermissionGroupRef> otherPgs =
          p.permissionGroupsOrEmpty().stream().filter(x -> !pgId.equals(x.id())).toList();
      List<ResourceGroup> otherRgs =
          p.resourceGroupsOrEmpty().stream().filter(x -> !rgId.equals(x.id())).toList();
      List<Policy.PermissionGroupRef> thePg =
          p.permissionGroupsOrEmpty().stream().filter(x -> pgId.equals(x.id())).limit(1).toList();
      // Keep every other pair: the other permission groups on all resource groups (same
      // policy), and this permission group on the other resource groups (a new policy).
      if (!otherPgs.isEmpty()) {
        next.add(new Policy(p.id(), p.access(), otherPgs, p.resourceGroupsOrEmpty()));
        if (!otherRgs.isEmpty()) {
          next.add(new Policy(null, p.access(), thePg, otherRgs));
        }
      } else if (!otherRgs.isEmpty()) {
        next.add(new Policy(p.id(), p.access(), thePg, otherRgs));
      }
    }
    if (next.isEmpty()) {
      return new PolicyPlan(
          Outcome.REFUSED,
          own,
          own,
          "it is the last policy of "
              + who(m)
              + " and Cloudflare requires at least one role or policy; delete the member instead");
    }
    return new PolicyPlan(Outcome.CHANGED, own, List.copyOf(next), null);
  }

  /** Whether the policy names the permission group and the resource group. */
  public static boolean covers(Policy p, String rgId, String pgId) {
    return p.permissionGroupsOrEmpty().stream().anyMatch(x -> pgId.equals(x.id()))
        && p.resourceGroupsOrEmpty().stream().anyMatch(x -> rgId.equals(x.id()));
  }

  /** The PUT's {@code policies}: ids of existing policies kept, new ones without (read-only). */
  public static JsonArray body(List<Policy> policies) {
    JsonArray out = new JsonArray();
    for (Policy p : policies) {
      JsonObject o = new JsonObject();
      if (p.id() != null) {
        o.addProperty("id", p.id());
      }
      o.addProperty("access", p.access());
      o.add(
          "permission_groups",
          ids(p.permissionGroupsOrEmpty().stream().map(Policy.PermissionGroupRef::id).toList()));
      o.add(
          "resource_groups",
          ids(p.resourceGroupsOrEmpty().stream().map(ResourceGroup::id).toList()));
      out.add(o);
    }
    return out;
  }

  private static JsonArray ids(List<String> ids) {
    JsonArray a = new JsonArray();
    for (String id : ids) {
      JsonObject o = new JsonObject();
      o.addProperty("id", id);
      a.add(o);
    }
    return a;
  }

  static List<Policy> own(Member m, Set<String> groupPolicyIds) {
    return m.policiesOrEmpty().stream()
        .map(Policy::of)
        .filter(p -> p.id() == null || !groupPolicyIds.contains(p.id()))
        .toList();
  }

  /**
   * A policies PUT on a roles-managed member would replace its roles (the API prefers policies).
   */
  private static String refuseIfRolesManaged(Member m, List<Policy> own) {
    if (!own.isEmpty()) {
      return null;
    }
    return who(m)
        + " is managed by roles ("
        + m.rolesOrEmpty().size()
        + "); Cloudflare takes "
        + "roles or policies, not both, so a policy would replace every role: grant a role "
        + "instead, or move the member to policies in the Cloudflare dashboard";
  }

  private static String who(Member m) {
    String email = m.effectiveEmail();
    return "member " + (email != null ? email : m.id());
  }
}
