package dev.batoncf.simulator;

/**
 * Path templates of every emulated route, relative to {@link Wire#API_PREFIX}. They are also the
 * keys of {@link RequestLog#count(String, String)}, so tests can write {@code log.count("GET",
 * Paths.MEMBERS)}.
 */
public final class Paths {
  private Paths() {}

  public static final String USER_TOKENS_VERIFY = "/user/tokens/verify";
  public static final String ACCOUNT = "/accounts/{account_id}";
  public static final String ACCOUNT_TOKENS_VERIFY = "/accounts/{account_id}/tokens/verify";
  public static final String TOKENS = "/accounts/{account_id}/tokens";
  public static final String TOKEN = "/accounts/{account_id}/tokens/{token_id}";
  public static final String MEMBERS = "/accounts/{account_id}/members";
  public static final String MEMBER = "/accounts/{account_id}/members/{member_id}";
  public static final String ROLES = "/accounts/{account_id}/roles";
  public static final String AUDIT_LOGS = "/accounts/{account_id}/logs/audit";
  public static final String ROLE = "/accounts/{account_id}/roles/{role_id}";
  public static final String ACCESS_USERS = "/accounts/{account_id}/access/users";
  public static final String ACCESS_GROUPS = "/accounts/{account_id}/access/groups";
  public static final String ACCESS_GROUP = "/accounts/{account_id}/access/groups/{group_id}";
  public static final String ACCESS_APPS = "/accounts/{account_id}/access/apps";
  public static final String ACCESS_APP = "/accounts/{account_id}/access/apps/{app_id}";
  public static final String ACCESS_APP_POLICIES =
      "/accounts/{account_id}/access/apps/{app_id}/policies";
  public static final String ACCESS_APP_REVOKE_TOKENS =
      "/accounts/{account_id}/access/apps/{app_id}/revoke_tokens";
  public static final String REVOKE_USER =
      "/accounts/{account_id}/access/organizations/revoke_user";
  public static final String LISTS = "/accounts/{account_id}/gateway/lists";
  public static final String LIST = "/accounts/{account_id}/gateway/lists/{list_id}";
  public static final String LIST_ITEMS = "/accounts/{account_id}/gateway/lists/{list_id}/items";
  public static final String RISK_SUMMARY = "/accounts/{account_id}/zt_risk_scoring/summary";
  public static final String RISK_USER = "/accounts/{account_id}/zt_risk_scoring/{user_id}";
  public static final String RISK_RESET = "/accounts/{account_id}/zt_risk_scoring/{user_id}/reset";
  public static final String INTEGRATIONS = "/accounts/{account_id}/zt_risk_scoring/integrations";
  public static final String INTEGRATION =
      "/accounts/{account_id}/zt_risk_scoring/integrations/{integration_id}";
  public static final String INTEGRATION_BY_REF =
      "/accounts/{account_id}/zt_risk_scoring/integrations/reference_id/{reference_id}";
  public static final String INTEL_IP = "/accounts/{account_id}/intel/ip";
  public static final String RESOURCE_GROUPS = "/accounts/{account_id}/iam/resource_groups";
  public static final String USER_GROUPS = "/accounts/{account_id}/iam/user_groups";
  public static final String USER_GROUP = "/accounts/{account_id}/iam/user_groups/{user_group_id}";
  public static final String USER_GROUP_MEMBERS =
      "/accounts/{account_id}/iam/user_groups/{user_group_id}/members";
  public static final String USER_GROUP_MEMBER =
      "/accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id}";
  public static final String INTEL_DOMAIN = "/accounts/{account_id}/intel/domain";
}
