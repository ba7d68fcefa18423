package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.ScimGroups;
import java.util.List;

/**
 * Grant or revoke an entitlement, whichever kind it is: a role goes to {@link RoleAssignments}, an
 * Access group to {@link GroupMembership}, an IAM user group to {@link UserGroupChanges}, a
 * resource-group permission to {@link MemberPolicies}. The CLI and the gRPC server both call this;
 * they differ only in where earlier-synced profile values come from.
 */
public final class MembershipChanges {
  static final String ROLE = "role";
  static final String GROUP = "group";
  static final String USER = "user";
  static final String MEMBER_ID = "member_id";
  static final String EMAIL = "email";
  static final String MEMBER_SLUG_TEXT = "member";

  /** Profile values synced earlier (a c1z file, a server snapshot); null when unknown. */
  @FunctionalInterface
  public interface Hints {
    String profile(String resourceType, String resourceId, String key);
  }

  static final String RESOURCE_GROUP = "resource_group";
  static final String USER_GROUP = "user_group";
  static final String INVITATION = "invitation";

  private final CloudflareClient client;
  private final ScimGroups scim;

  public MembershipChanges(CloudflareClient client) {
    this(client, ScimGroups.none());
  }

  /**
   * @param scim which user groups the identity provider owns (their members are not changed)
   */
  public MembershipChanges(CloudflareClient client, ScimGroups scim) {
    this.client = client;
    this.scim = scim;
  }

  public Change apply(
      String resourceType,
      String resourceId,
      String principalType,
      String principalId,
      Hints hints,
      boolean grant,
      boolean dryRun) {
    return apply(
        resourceType,
        resourceId,
        MEMBER_SLUG_TEXT,
        principalType,
        principalId,
        hints,
        grant,
        dryRun);
  }

  /**
   * @param slug the entitlement's slug: {@code member}, or the permission group id of a {@code
   *     resource_group} entitlement
   */
  public Change apply(
      String resourceType,
      String resourceId,
      String slug,
      String principalType,
      String principalId,
      Hints hints,
      boolean grant,
      boolean dryRun) {
    if (RESOURCE_GROUP.equals(resourceType)) {
      IdFormats.hex32("a resource group id", resourceId);
      IdFormats.hex32("a permission group id", slug);
      if (!USER.equals(principalType)) {
        throw ProvisionException.invalid(
            "resource group permissions are granted here to "
                + "principals of type user only, not '"
                + principalType
                + "'; a user group's "
                + "policies are changed in the Cloudflare dashboard");
      }
      IdFormats.hex32("a user id", principalId);
      return new MemberPolicies(client)
          .apply(
              resourceId,
              slug,
              principalId,
              hints.profile(principalType, principalId, MEMBER_ID),
              grant,
              dryRun);
    }
    if (!MEMBER_SLUG_TEXT.equals(slug)) {
      throw ProvisionException.invalid(
          "only the '"
              + MEMBER_SLUG_TEXT
              + "' entitlement of a "
              + resourceType
              + " can be granted");
    }
    if (USER_GROUP.equals(resourceType)) {
      IdFormats.hex32("a user group id", resourceId);
      String target =
          "user_group:" + resourceId + ":member to " + principalType + ":" + principalId;
      if (INVITATION.equals(principalType)) {
        return new Change(
            grant ? "grant" : "revoke",
            target,
            Outcome.REFUSED,
            "the member "
                + "is still a pending invitation; add them to the user group once they accept",
            List.of(),
            List.of(),
            null,
            null,
            dryRun);
      }
      if (!USER.equals(principalType)) {
        throw ProvisionException.invalid(
            "user groups take principals of type user, not '" + principalType + "'");
      }
      IdFormats.hex32("a user id", principalId);
      return new UserGroupChanges(client, scim)
          .apply(
              resourceId,
              principalId,
              hints.profile(principalType, principalId, MEMBER_ID),
              grant,
              dryRun);
    }
    if (ROLE.equals(resourceType)) {
      if (!USER.equals(principalType)) {
        throw ProvisionException.invalid(
            "roles can only be granted to principals of type user, "
                + "not '"
                + principalType
                + "'");
      }
      IdFormats.hex32("a user id", principalId);
      RoleAssignments roles = new RoleAssignments(client);
      String hint = hints.profile(principalType, principalId, MEMBER_ID);
      return grant
          ? roles.grant(principalId, hint, resourceId, dryRun)
          : roles.revoke(principalId, hint, resourceId, dryRun);
    }
    if (GROUP.equals(resourceType)) {
      IdFormats.uuid("an Access group id", resourceId);
      if (USER.equals(principalType)) {
        IdFormats.hex32("a user id", principalId);
      } else if (PrincipalEmails.ACCESS_USER.equals(principalType)) {
        IdFormats.uuid("an Access user id", principalId);
      }
      String email =
          new PrincipalEmails(client)
              .email(principalType, principalId, hints.profile(principalType, principalId, EMAIL));
      GroupMembership groups = new GroupMembership(client);
      String label = principalType + ":" + principalId;
      return grant
          ? groups.add(resourceId, label, email, dryRun)
          : groups.remove(resourceId, label, email, dryRun);
    }
    throw new ProvisionException(
        ProvisionException.Kind.UNSUPPORTED,
        "entitlements of type '"
            + resourceType
            + "' cannot be granted; role, group, user_group memberships and "
            + "resource_group permissions can");
  }
}
