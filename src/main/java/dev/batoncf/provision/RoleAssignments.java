package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies {@link RolePlan}s: GET the member, plan, and PUT the full role set only when it changes.
 * A grant that changes something first checks that the role exists (GET the role), so a role id the
 * account lacks is refused before any write. Three requests for a grant, two for a revoke, one when
 * nothing changes (plus a lookup when the membership id is not known).
 */
public final class RoleAssignments {
  private static final Pattern ROLE_ID = Pattern.compile("[0-9a-f]{32}");
  private final CloudflareClient client;
  private final MemberDirectory directory;

  public RoleAssignments(CloudflareClient client) {
    this.client = client;
    this.directory = new MemberDirectory(client);
  }

  public Change grant(String userId, String memberIdHint, String roleId, boolean dryRun) {
    Member m = member(userId, memberIdHint);
    RolePlan plan = RolePlan.grant(m, roleId);
    if (plan.outcome() == Outcome.CHANGED) {
      requireKnownRole(roleId); // before the write: Cloudflare must not be sent a role it lacks
    }
    return apply("grant", target(roleId, userId), m, plan, dryRun);
  }

  /** Refuses a role id the account does not have (the Super Administrator always exists). */
  void requireKnownRole(String roleId) {
    if (Role.SUPER_ADMINISTRATOR_ID.equals(roleId)) {
      return;
    }
    if (!ROLE_ID.matcher(roleId).matches()) {
      throw ProvisionException.invalid(
          "'"
              + roleId
              + "' is not a role id (32 hexadecimal "
              + "characters); see `baton-cloudflare resources -t role`");
    }
    if (client.role(roleId).isEmpty()) {
      throw ProvisionException.notFound(
          "role "
              + roleId
              + " does not exist in account "
              + client.accountId()
              + "; see `baton-cloudflare resources -t role`");
    }
  }

  public Change revoke(String userId, String memberIdHint, String roleId, boolean dryRun) {
    Member m = member(userId, memberIdHint);
    return apply("revoke", target(roleId, userId), m, RolePlan.revoke(m, roleId), dryRun);
  }

  private Member member(String userId, String memberIdHint) {
    return directory
        .byUserId(userId, memberIdHint)
        .orElseThrow(
            () ->
                ProvisionException.notFound(
                    "user " + userId + " is not a member of account " + client.accountId()));
  }

  private Change apply(String op, String target, Member m, RolePlan plan, boolean dryRun) {
    Map<String, String> names = names(m.rolesOrEmpty());
    List<String> before = label(plan.currentRoleIds(), names);
    if (plan.outcome() != Outcome.CHANGED) {
      return new Change(
          op,
          target,
          plan.outcome(),
          plan.reason(),
          before,
          before,
          "user:" + m.userId(),
          null,
          dryRun);
    }
    String request =
        "PUT /accounts/"
            + client.accountId()
            + "/members/"
            + m.id()
            + " "
            + rolesBody(plan.newRoleIds());
    if (dryRun) {
      return new Change(
          op,
          target,
          Outcome.CHANGED,
          "dry run: nothing sent",
          before,
          label(plan.newRoleIds(), names),
          "user:" + m.userId(),
          request,
          true);
    }
    Member updated = client.replaceMemberRoles(m.id(), plan.newRoleIds());
    List<String> after =
        updated == null
            ? label(plan.newRoleIds(), names)
            : label(List.copyOf(RolePlan.roleIds(updated)), names(updated.rolesOrEmpty()));
    if (updated != null
        && !Set.copyOf(RolePlan.roleIds(updated)).equals(Set.copyOf(plan.newRoleIds()))) {
      throw new IllegalStateException(
          "Cloudflare accepted the role update for member "
              + m.id()
              + " but now reports roles "
              + RolePlan.roleIds(updated)
              + " instead of "
              + plan.newRoleIds());
    }
    return new Change(
        op, target, Outcome.CHANGED, null, before, after, "user:" + m.userId(), request, false);
  }

  private static String target(String roleId, String userId) {
    return "role:" + roleId + ":member to user:" + userId;
  }

  private static Map<String, String> names(List<Role> roles) {
    Map<String, String> m = new LinkedHashMap<>();
    roles.forEach(
        r -> {
          if (r.id() != null && r.name() != null) {
            m.putIfAbsent(r.id(), r.name());
          }
        });
    return m;
  }

  /** "Name (id)" where the name is known, else the id. */
  private static List<String> label(List<String> ids, Map<String, String> names) {
    List<String> out = new ArrayList<>();
    ids.forEach(id -> out.add(names.containsKey(id) ? names.get(id) + " (" + id + ")" : id));
    return out;
  }

  static String rolesBody(List<String> roleIds) {
    StringBuilder sb = new StringBuilder("{\"roles\":[");
    for (int i = 0; i < roleIds.size(); i++) {
      sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(roleIds.get(i)).append("\"}");
    }
    return sb.append("]}").toString();
  }
}
