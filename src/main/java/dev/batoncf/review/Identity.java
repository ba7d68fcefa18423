package dev.batoncf.review;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One principal of the synced file (an account member, invitation, Access user, API token, or a
 * group holding a grant) with what it holds and what is flagged about it. Unknown values are null,
 * never guessed; {@link #lastLoginNote} says why a last login is missing.
 *
 * @param type resource type id, e.g. {@code user}
 * @param typeName what it is in plain words, e.g. "Account member"
 * @param id resource id
 * @param name display name
 * @param email email, when it has one
 * @param status status as Cloudflare words it ("Accepted", "Pending", "Active", …)
 * @param twoFactor two-factor authentication on the Cloudflare login (members only)
 * @param lastLogin last successful login, when known
 * @param lastLoginNote why {@code lastLogin} is null ("never", "unknown: …"), else null
 * @param riskLevel Zero Trust risk level (Access users, when scored)
 * @param createdAt when the resource was created, when the file says
 * @param details further facts by type (token expiry and permissions, invitation roles, …): values
 *     are strings or lists of strings, in a fixed key order
 * @param access what it holds, sorted
 * @param flags what needs a reviewer's attention, in {@link FlagCode} order
 */
public record Identity(
    String type,
    String typeName,
    String id,
    String name,
    String email,
    String status,
    Boolean twoFactor,
    Instant lastLogin,
    String lastLoginNote,
    String riskLevel,
    Instant createdAt,
    Map<String, Object> details,
    List<Access> access,
    List<Flag> flags) {
  public Identity {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    access = List.copyOf(access);
    flags = List.copyOf(flags);
  }

  /** {@code type:id}, unique in a sync. */
  public String key() {
    return type + ":" + id;
  }
}
