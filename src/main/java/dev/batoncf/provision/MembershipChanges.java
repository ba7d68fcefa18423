package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;

/**
 * Grant or revoke a {@code member} entitlement, whichever kind it is: a role goes to
 * {@link RoleAssignments}, an Access group to {@link GroupMembership}. The CLI and the gRPC server
 * both call this; they differ only in where earlier-synced profile values come from.
 */
public final class MembershipChanges {
  static final String ROLE = "role";
  static final String GROUP = "group";
  static final String USER = "user";
  static final String MEMBER_ID = "member_id";
  static final String EMAIL = "email";

  /** Profile values synced earlier (a c1z file, a server snapshot); null when unknown. */
  @FunctionalInterface
  public interface Hints {
    String profile(String resourceType, String resourceId, String key);
  }

  private final CloudflareClient client;

  public MembershipChanges(CloudflareClient client) {
    this.client = client;
  }

  public Change apply(String resourceType, String resourceId, String principalType,
                      String principalId, Hints hints, boolean grant, boolean dryRun) {
    if (ROLE.equals(resourceType)) {
      if (!USER.equals(principalType)) {
        throw ProvisionException.invalid("roles can only be granted to principals of type user, "
            + "not '" + principalType + "'");
      }
      IdFormats.hex32("a user id", principalId);
      RoleAssignments roles = new RoleAssignments(client);
      String hint = hints.profile(principalType, principalId, MEMBER_ID);
      return grant ? roles.grant(principalId, hint, resourceId, dryRun)
          : roles.revoke(principalId, hint, resourceId, dryRun);
    }
    if (GROUP.equals(resourceType)) {
      IdFormats.uuid("an Access group id", resourceId);
      if (USER.equals(principalType)) {
        IdFormats.hex32("a user id", principalId);
      } else if (PrincipalEmails.ACCESS_USER.equals(principalType)) {
        IdFormats.uuid("an Access user id", principalId);
      }
      String email = new PrincipalEmails(client).email(principalType, principalId,
          hints.profile(principalType, principalId, EMAIL));
      GroupMembership groups = new GroupMembership(client);
      String label = principalType + ":" + principalId;
      return grant ? groups.add(resourceId, label, email, dryRun)
          : groups.remove(resourceId, label, email, dryRun);
    }
    throw new ProvisionException(ProvisionException.Kind.UNSUPPORTED, "entitlements of type '"
        + resourceType + "' cannot be granted; role and group memberships can");
  }
}
