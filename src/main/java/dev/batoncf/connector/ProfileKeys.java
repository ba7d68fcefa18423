package dev.batoncf.connector;

/**
 * Keys of the resource profiles. Provisioning reads some of them back ({@link #MEMBER_ID}, {@link
 * #EMAIL}), so renaming one is a breaking change.
 */
public final class ProfileKeys {
  public static final String LOGIN = "login";
  public static final String EMAIL = "email";
  public static final String FIRST_NAME = "first_name";
  public static final String LAST_NAME = "last_name";
  public static final String NAME = "name";
  public static final String STATUS = "status";

  /** The membership id: /members/{member_id} needs it, the user id is not enough. */
  public static final String MEMBER_ID = "member_id";

  public static final String USER_ID = "user_id";
  public static final String TWO_FACTOR = "two_factor_authentication_enabled";

  /** "roles" or "policies": how the member's access is managed in Cloudflare. */
  public static final String MANAGED_BY = "managed_by";

  public static final String MANAGED_BY_POLICIES = "policies";
  public static final String MANAGED_BY_ROLES = "roles";
  public static final String POLICY_COUNT = "policy_count";
  public static final String ROLE_IDS = "role_ids";
  public static final String ROLE_NAMES = "role_names";
  public static final String ROLE_ID = "role_id";
  public static final String ROLE_NAME = "role_name";
  public static final String PERMISSIONS = "permissions";
  public static final String ISSUED_ON = "issued_on";
  public static final String MODIFIED_ON = "modified_on";
  public static final String LAST_USED_ON = "last_used_on";
  public static final String NOT_BEFORE = "not_before";
  public static final String EXPIRES_ON = "expires_on";
  public static final String CREATOR_EMAIL = "creator_email";
  public static final String ALLOWED_IPS = "allowed_ips";
  public static final String DENIED_IPS = "denied_ips";
  public static final String PERMISSION_GROUPS = "permission_groups";
  public static final String SYNTHETIC = "synthetic";

  /** Policies with {@code access: deny}: shown, never turned into grants. */
  public static final String DENY_POLICIES = "deny_policies";

  public static final String ALLOW_POLICIES = "allow_policies";
  public static final String SCOPE = "scope";
  public static final String SCOPE_KIND = "scope_kind";
  public static final String SCOPE_KEYS = "scope_keys";
  public static final String RESOURCE_GROUP_ID = "resource_group_id";
  public static final String USER_GROUP_ID = "user_group_id";
  public static final String CREATED_ON = "created_on";

  /** Whether an identity provider owns the user group through SCIM (see ScimGroups). */
  public static final String SCIM_MANAGED = "scim_managed";

  public static final String SCIM_REASON = "scim_managed_because";

  private ProfileKeys() {}
}
