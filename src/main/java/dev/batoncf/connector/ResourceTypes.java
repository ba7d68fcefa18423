package dev.batoncf.connector;

import dev.batoncf.pb.connector.v2.CapabilityPermission;
import dev.batoncf.pb.connector.v2.CapabilityPermissions;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.SkipEntitlementsAndGrants;
import dev.batoncf.pb.connector.v2.SkipSyncAnomalyDetection;
import dev.batoncf.pb.connector.v2.V1Identifier;
import java.util.Arrays;

/**
 * The resource types (design.md §2). Ids match ConductorOne's Go connectors so users can migrate
 * without re-mapping; they are contracts.
 */
public final class ResourceTypes {
  public static final String USER_ID = "user";
  public static final String INVITATION_ID = "invitation";
  public static final String ROLE_ID = "role";
  public static final String API_TOKEN_ID = "api_token";
  public static final String ACCESS_USER_ID = "access_user";
  public static final String GROUP_ID = "group";
  public static final String RESOURCE_GROUP_ID = "resource_group";
  public static final String USER_GROUP_ID = "user_group";
  public static final String ACCESS_APP_ID = "access_app";

  // Cloudflare token permission groups each type needs (shown in capabilities).
  static final String ACCOUNT_SETTINGS_READ = "Account Settings Read";
  static final String ACCOUNT_SETTINGS_WRITE = "Account Settings Write (provisioning)";
  static final String ACCOUNT_API_TOKENS_READ = "Account API Tokens Read";
  static final String ACCESS_AUDIT_LOGS_READ = "Access: Audit Logs Read";
  static final String ACCESS_GROUPS_READ =
      "Access: Organizations, Identity Providers, and Groups Read";
  static final String ACCESS_GROUPS_WRITE =
      "Access: Organizations, Identity Providers, and Groups Write (provisioning)";

  /** Not named by Cloudflare's sources for list items (cloudflare-api.md §7): the likely group. */
  static final String ZERO_TRUST_READ = "Zero Trust Read (email lists used by group rules)";

  static final String ACCESS_APPS_READ = "Access: Apps and Policies Read";
  static final String ZERO_TRUST_PII_READ = "Zero Trust: PII Read (risk levels, optional)";

  public static final ResourceType USER =
      ResourceType.newBuilder()
          .setId(USER_ID)
          .setDisplayName("User")
          .setDescription("Cloudflare account member who accepted the invitation")
          .addTraits(ResourceType.Trait.TRAIT_USER)
          .addAnnotations(Protos.pack(V1Identifier.newBuilder().setId(USER_ID).build()))
          .addAnnotations(Protos.pack(permissions(ACCOUNT_SETTINGS_READ, ACCOUNT_SETTINGS_WRITE)))
          .addAnnotations(Protos.pack(SkipEntitlementsAndGrants.getDefaultInstance()))
          .build();

  public static final ResourceType INVITATION =
      ResourceType.newBuilder()
          .setId(INVITATION_ID)
          .setDisplayName("Invitation")
          .setDescription("Pending invitation to the Cloudflare account")
          .addTraits(ResourceType.Trait.TRAIT_USER)
          .addAnnotations(Protos.pack(V1Identifier.newBuilder().setId(INVITATION_ID).build()))
          .addAnnotations(Protos.pack(SkipEntitlementsAndGrants.getDefaultInstance()))
          .addAnnotations(Protos.pack(SkipSyncAnomalyDetection.getDefaultInstance()))
          .build();

  public static final ResourceType ROLE =
      ResourceType.newBuilder()
          .setId(ROLE_ID)
          .setDisplayName("Role")
          .setDescription("Cloudflare account role")
          .addTraits(ResourceType.Trait.TRAIT_ROLE)
          .addAnnotations(Protos.pack(V1Identifier.newBuilder().setId(ROLE_ID).build()))
          .addAnnotations(Protos.pack(permissions(ACCOUNT_SETTINGS_READ, ACCOUNT_SETTINGS_WRITE)))
          .build();

  public static final ResourceType API_TOKEN =
      ResourceType.newBuilder()
          .setId(API_TOKEN_ID)
          .setDisplayName("API Token")
          .setDescription("Account-owned Cloudflare API token")
          .addTraits(ResourceType.Trait.TRAIT_SECRET)
          .addAnnotations(Protos.pack(permissions(ACCOUNT_API_TOKENS_READ)))
          .addAnnotations(Protos.pack(SkipEntitlementsAndGrants.getDefaultInstance()))
          .build();

  public static final ResourceType ACCESS_USER =
      ResourceType.newBuilder()
          .setId(ACCESS_USER_ID)
          .setDisplayName("Access User")
          .setDescription("Cloudflare Zero Trust Access user")
          .addTraits(ResourceType.Trait.TRAIT_USER)
          .addAnnotations(Protos.pack(permissions(ACCESS_AUDIT_LOGS_READ, ZERO_TRUST_PII_READ)))
          .addAnnotations(Protos.pack(SkipEntitlementsAndGrants.getDefaultInstance()))
          .build();

  public static final ResourceType GROUP =
      ResourceType.newBuilder()
          .setId(GROUP_ID)
          .setDisplayName("Access Group")
          .setDescription("Cloudflare Zero Trust Access group (membership defined by rules)")
          .addTraits(ResourceType.Trait.TRAIT_GROUP)
          .addAnnotations(Protos.pack(permissions(ACCESS_GROUPS_READ, ACCESS_GROUPS_WRITE)))
          .build();

  public static final ResourceType RESOURCE_GROUP =
      ResourceType.newBuilder()
          .setId(RESOURCE_GROUP_ID)
          .setDisplayName("Resource Group")
          .setDescription(
              "Cloudflare IAM resource group (account, zone or single resource); "
                  + "one entitlement per permission group a policy grants on it")
          .addAnnotations(Protos.pack(permissions(ACCOUNT_SETTINGS_READ, ACCOUNT_SETTINGS_WRITE)))
          .build();

  public static final ResourceType USER_GROUP =
      ResourceType.newBuilder()
          .setId(USER_GROUP_ID)
          .setDisplayName("User Group")
          .setDescription("Cloudflare IAM user group (members inherit its policies)")
          .addTraits(ResourceType.Trait.TRAIT_GROUP)
          .addAnnotations(Protos.pack(permissions(ACCOUNT_SETTINGS_READ, ACCOUNT_SETTINGS_WRITE)))
          .build();

  public static final ResourceType ACCESS_APP =
      ResourceType.newBuilder()
          .setId(ACCESS_APP_ID)
          .setDisplayName("Access Application")
          .setDescription("Cloudflare Zero Trust Access application (who can reach it, by policy)")
          .addTraits(ResourceType.Trait.TRAIT_APP)
          .addAnnotations(Protos.pack(permissions(ACCESS_APPS_READ)))
          .build();

  private ResourceTypes() {}

  /** A type as entitlements name it in grantable_to: id, name and traits, no annotations. */
  public static ResourceType ref(ResourceType t) {
    return ResourceType.newBuilder()
        .setId(t.getId())
        .setDisplayName(t.getDisplayName())
        .addAllTraits(t.getTraitsList())
        .build();
  }

  static CapabilityPermissions permissions(String... names) {
    CapabilityPermissions.Builder b = CapabilityPermissions.newBuilder();
    Arrays.stream(names)
        .forEach(n -> b.addPermissions(CapabilityPermission.newBuilder().setPermission(n)));
    return b.build();
  }
}
