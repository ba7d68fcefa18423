package dev.batoncf.cloudflare;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.cloudflare.model.Account;
import dev.batoncf.cloudflare.model.ApiToken;
import dev.batoncf.cloudflare.model.AuditRecord;
import dev.batoncf.cloudflare.model.Envelope;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.MemberBodies;
import dev.batoncf.cloudflare.model.ResourceGroup;
import dev.batoncf.cloudflare.model.RiskIntegration;
import dev.batoncf.cloudflare.model.RiskIntegrationBody;
import dev.batoncf.cloudflare.model.Role;
import dev.batoncf.cloudflare.model.TokenVerification;
import dev.batoncf.cloudflare.model.UserGroup;
import dev.batoncf.cloudflare.model.UserRisk;
import java.util.List;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The Cloudflare endpoints the connector uses (cloudflare-api.md). Declarations only: auth, rate
 * limiting, retries, error mapping and counting live in the OkHttp stack ({@code http} package).
 * Paths are relative so they append to the configured base URL's path.
 */
public interface CloudflareApi {

  @GET("accounts/{account_id}")
  Call<Envelope<Account>> account(@Path("account_id") String accountId);

  @GET("accounts/{account_id}/tokens/verify")
  Call<Envelope<TokenVerification>> verifyAccountToken(@Path("account_id") String accountId);

  @GET("user/tokens/verify")
  Call<Envelope<TokenVerification>> verifyUserToken();

  @GET("accounts/{account_id}/members")
  Call<Envelope<List<Member>>> members(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage,
      @Query("order") String order,
      @Query("direction") String direction);

  /** Members of one status ({@code accepted}, {@code pending} or {@code rejected}). */
  @GET("accounts/{account_id}/members")
  Call<Envelope<List<Member>>> membersWithStatus(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage,
      @Query("order") String order,
      @Query("direction") String direction,
      @Query("status") String status);

  @GET("accounts/{account_id}/members/{member_id}")
  Call<Envelope<Member>> member(
      @Path("account_id") String accountId, @Path("member_id") String memberId);

  /** Body {@code {"roles":[{"id":…}]}}: replaces the member's roles with exactly this set. */
  @PUT("accounts/{account_id}/members/{member_id}")
  Call<Envelope<Member>> updateMemberRoles(
      @Path("account_id") String accountId,
      @Path("member_id") String memberId,
      @Body MemberBodies.Roles body);

  /** Body {@code {"policies":[…]}}: replaces the member's policies with exactly these. */
  @PUT("accounts/{account_id}/members/{member_id}")
  Call<Envelope<Member>> updateMemberPolicies(
      @Path("account_id") String accountId,
      @Path("member_id") String memberId,
      @Body MemberBodies.Policies body);

  /** Body {@code {"email":…,"roles":["<id>",…],"status":"pending"}} (role ids as strings). */
  @POST("accounts/{account_id}/members")
  Call<Envelope<Member>> createMember(
      @Path("account_id") String accountId, @Body MemberBodies.Invite body);

  @DELETE("accounts/{account_id}/members/{member_id}")
  Call<Envelope<JsonElement>> deleteMember(
      @Path("account_id") String accountId, @Path("member_id") String memberId);

  @GET("accounts/{account_id}/roles")
  Call<Envelope<List<Role>>> roles(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage);

  @GET("accounts/{account_id}/roles/{role_id}")
  Call<Envelope<Role>> role(@Path("account_id") String accountId, @Path("role_id") String roleId);

  @GET("accounts/{account_id}/tokens")
  Call<Envelope<List<ApiToken>>> tokens(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage,
      @Query("include_expired") boolean includeExpired);

  @GET("accounts/{account_id}/access/users")
  Call<Envelope<List<AccessUser>>> accessUsers(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage);

  @GET("accounts/{account_id}/access/groups")
  Call<Envelope<List<JsonObject>>> accessGroups(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage);

  @GET("accounts/{account_id}/access/groups/{group_id}")
  Call<Envelope<JsonObject>> accessGroup(
      @Path("account_id") String accountId, @Path("group_id") String groupId);

  /** Full replacement: the body must carry every field that is to survive. */
  @PUT("accounts/{account_id}/access/groups/{group_id}")
  Call<Envelope<JsonObject>> replaceAccessGroup(
      @Path("account_id") String accountId,
      @Path("group_id") String groupId,
      @Body JsonObject body);

  /** IAM user groups; read here only to probe the permission (cloudflare-api.md §13). */
  @GET("accounts/{account_id}/iam/user_groups")
  Call<Envelope<JsonElement>> userGroupsProbe(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage);

  /** Zero Trust lists; read here only to probe the permission the list items need. */
  @GET("accounts/{account_id}/gateway/lists")
  Call<Envelope<JsonElement>> gatewayListsProbe(@Path("account_id") String accountId);

  /** Applications with their policies embedded in full (cloudflare-api.md §15). */
  @GET("accounts/{account_id}/access/apps")
  Call<Envelope<List<JsonObject>>> accessApps(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage);

  /** Items of a Zero Trust list; {@code result} may be an array of arrays (documented quirk). */
  /**
   * {@code page} null sends none: the schema declares no paging, result_info may still say more.
   */
  @GET("accounts/{account_id}/gateway/lists/{list_id}/items")
  Call<Envelope<JsonElement>> gatewayListItems(
      @Path("account_id") String accountId,
      @Path("list_id") String listId,
      @Query("page") Integer page);

  /** {@code result} is an object holding {@code users}, not an array; {@code page} as above. */
  @GET("accounts/{account_id}/zt_risk_scoring/summary")
  Call<Envelope<JsonObject>> riskSummary(
      @Path("account_id") String accountId, @Query("page") Integer page);

  /**
   * The v2 account audit log (cloudflare-api.md §17), cursor-paged; {@code since} and {@code
   * before} are required; a null cursor asks for the first page.
   */
  @GET("accounts/{account_id}/logs/audit")
  Call<Envelope<List<AuditRecord>>> auditLogs(
      @Path("account_id") String accountId,
      @Query("since") String since,
      @Query("before") String before,
      @Query("direction") String direction,
      @Query("limit") int limit,
      @Query("cursor") String cursor);

  // ---- security actions (cloudflare-api.md §8–§10); read by SecurityClient

  /** Access users filtered by {@code email} ([S26]); the caller still checks for an exact match. */
  @GET("accounts/{account_id}/access/users")
  Call<Envelope<List<AccessUser>>> accessUsersByEmail(
      @Path("account_id") String accountId,
      @Query("email") String email,
      @Query("per_page") int perPage);

  /**
   * {@code result} is an ARRAY, one item per address; a null {@code ipv4}/{@code ipv6} is not sent.
   */
  @GET("accounts/{account_id}/intel/ip")
  Call<Envelope<List<JsonObject>>> intelIp(
      @Path("account_id") String accountId, @Query("ipv4") String ipv4, @Query("ipv6") String ipv6);

  /** {@code result} is an OBJECT. */
  @GET("accounts/{account_id}/intel/domain")
  Call<Envelope<JsonObject>> intelDomain(
      @Path("account_id") String accountId, @Query("domain") String domain);

  @GET("accounts/{account_id}/zt_risk_scoring/{user_id}")
  Call<Envelope<UserRisk>> userRisk(
      @Path("account_id") String accountId, @Path("user_id") String userId);

  /** No body; {@code result} is null or {@code {}}. */
  @POST("accounts/{account_id}/zt_risk_scoring/{user_id}/reset")
  Call<Envelope<JsonElement>> resetUserRisk(
      @Path("account_id") String accountId, @Path("user_id") String userId);

  /** Body {@code {"email":…}}; {@code result} is a boolean (cloudflare-api.md §16). */
  @POST("accounts/{account_id}/access/organizations/revoke_user")
  Call<Envelope<JsonElement>> revokeAccessUser(
      @Path("account_id") String accountId, @Body JsonObject body);

  /** No body; answers 202 with {@code result} null or {@code {}}. */
  @POST("accounts/{account_id}/access/apps/{app_id}/revoke_tokens")
  Call<Envelope<JsonElement>> revokeAppTokens(
      @Path("account_id") String accountId, @Path("app_id") String appId);

  @GET("accounts/{account_id}/zt_risk_scoring/integrations")
  Call<Envelope<List<RiskIntegration>>> riskIntegrations(@Path("account_id") String accountId);

  /** Body {@code {"integration_type":"Okta","tenant_url":…,"reference_id":…}}. */
  @POST("accounts/{account_id}/zt_risk_scoring/integrations")
  Call<Envelope<RiskIntegration>> createRiskIntegration(
      @Path("account_id") String accountId, @Body RiskIntegrationBody.Create body);

  @GET("accounts/{account_id}/zt_risk_scoring/integrations/{integration_id}")
  Call<Envelope<RiskIntegration>> riskIntegration(
      @Path("account_id") String accountId, @Path("integration_id") String integrationId);

  @GET("accounts/{account_id}/zt_risk_scoring/integrations/reference_id/{reference_id}")
  Call<Envelope<RiskIntegration>> riskIntegrationByReference(
      @Path("account_id") String accountId, @Path("reference_id") String referenceId);

  /** Body {@code {"active":…,"tenant_url":…,"reference_id":…}}: the values sent overwrite all. */
  @PUT("accounts/{account_id}/zt_risk_scoring/integrations/{integration_id}")
  Call<Envelope<RiskIntegration>> updateRiskIntegration(
      @Path("account_id") String accountId,
      @Path("integration_id") String integrationId,
      @Body RiskIntegrationBody.Update body);

  @DELETE("accounts/{account_id}/zt_risk_scoring/integrations/{integration_id}")
  Call<Envelope<JsonElement>> deleteRiskIntegration(
      @Path("account_id") String accountId, @Path("integration_id") String integrationId);

  // ---- IAM user groups and resource groups (cloudflare-api.md §4, §13); read by IamClient

  /** Single page: no {@code page}/{@code per_page}, no {@code result_info} ([S2607]). */
  @GET("accounts/{account_id}/iam/resource_groups")
  Call<Envelope<List<ResourceGroup>>> resourceGroups(@Path("account_id") String accountId);

  @GET("accounts/{account_id}/iam/user_groups")
  Call<Envelope<List<UserGroup>>> userGroups(
      @Path("account_id") String accountId,
      @Query("page") int page,
      @Query("per_page") int perPage);

  @GET("accounts/{account_id}/iam/user_groups/{user_group_id}")
  Call<Envelope<UserGroup>> userGroup(
      @Path("account_id") String accountId, @Path("user_group_id") String groupId);

  @GET("accounts/{account_id}/iam/user_groups/{user_group_id}/members")
  Call<Envelope<List<UserGroup.Member>>> userGroupMembers(
      @Path("account_id") String accountId,
      @Path("user_group_id") String groupId,
      @Query("page") int page,
      @Query("per_page") int perPage);

  @GET("accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id}")
  Call<Envelope<UserGroup.Member>> userGroupMember(
      @Path("account_id") String accountId,
      @Path("user_group_id") String groupId,
      @Path("member_id") String memberId);

  /** Body: a bare array {@code [{"id":"<member id>"}]}, not an object. */
  @POST("accounts/{account_id}/iam/user_groups/{user_group_id}/members")
  Call<Envelope<List<UserGroup.Member>>> addUserGroupMembers(
      @Path("account_id") String accountId,
      @Path("user_group_id") String groupId,
      @Body List<MemberBodies.Ref> members);

  @DELETE("accounts/{account_id}/iam/user_groups/{user_group_id}/members/{member_id}")
  Call<Envelope<JsonElement>> removeUserGroupMember(
      @Path("account_id") String accountId,
      @Path("user_group_id") String groupId,
      @Path("member_id") String memberId);
}
