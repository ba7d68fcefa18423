package dev.batoncf.cloudflare.model;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * An account membership. {@code id} is the membership id used in /members/{member_id}; {@code
 * user.id} is the Cloudflare user id, absent until an invitation is accepted.
 */
public record Member(
    String id,
    String email,
    String status,
    MemberUser user,
    List<Role> roles,
    List<JsonObject> policies) {

  public static final String ACCEPTED = "accepted";
  public static final String PENDING = "pending";
  public static final String REJECTED = "rejected";

  /** The email at top level (newer schema) or on the user (older schema). */
  public String effectiveEmail() {
    if (email != null && !email.isBlank()) {
      return email;
    }
    return user == null ? null : user.email();
  }

  public String userId() {
    return user == null || user.id() == null || user.id().isBlank() ? null : user.id();
  }

  public List<Role> rolesOrEmpty() {
    return roles == null ? List.of() : roles;
  }

  public List<JsonObject> policiesOrEmpty() {
    return policies == null ? List.of() : policies;
  }

  /** Access granted through permission policies instead of (or besides) roles. */
  public boolean managedByPolicies() {
    return !policiesOrEmpty().isEmpty();
  }

  public boolean hasStatus(String wanted) {
    return status != null && status.equalsIgnoreCase(wanted);
  }

  /** The person behind the membership. */
  public record MemberUser(
      String id,
      String email,
      String firstName,
      String lastName,
      Boolean twoFactorAuthenticationEnabled) {}
}
