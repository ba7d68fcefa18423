package dev.batoncf.simulator;

import java.util.List;
import java.util.Objects;

/**
 * One account membership, kept small because the benchmark seeds 100,000 of them: role ids are
 * references into {@link SimAccount#roles()}, and the JSON is built per request.
 *
 * @param id membership id (32 hex), used in {@code /members/{member_id}}
 * @param email login email, also rendered as {@code user.email}
 * @param status {@link Wire#STATUS_ACCEPTED}, {@link Wire#STATUS_PENDING} or {@link
 *     Wire#STATUS_REJECTED}
 * @param user the Cloudflare user; {@code user.id} is null for invites with no user yet
 * @param roleIds ids of the member's roles (may include the hidden Super Administrator role)
 * @param policies permission policies; non-empty means "managed by policies"
 */
public record SimMember(
    String id,
    String email,
    String status,
    User user,
    List<String> roleIds,
    List<SimPolicy> policies) {

  public SimMember {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(user, "user");
    roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
    policies = policies == null ? List.of() : List.copyOf(policies);
  }

  /**
   * The {@code user} object of a member.
   *
   * @param id Cloudflare user id (32 hex), or null for a pending invite without a user
   * @param firstName nullable
   * @param lastName nullable
   * @param twoFactorEnabled {@code two_factor_authentication_enabled}
   */
  public record User(String id, String firstName, String lastName, boolean twoFactorEnabled) {}

  public boolean managedByPolicies() {
    return !policies.isEmpty();
  }

  public SimMember withRoles(List<String> newRoleIds) {
    return new SimMember(id, email, status, user, newRoleIds, policies);
  }

  /** Policies replace the roles: a policy-managed member has {@code roles: []}. */
  public SimMember withPolicies(List<SimPolicy> newPolicies) {
    return new SimMember(id, email, status, user, List.of(), newPolicies);
  }
}
