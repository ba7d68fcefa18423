package dev.batoncf.cloudflare;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.batoncf.cloudflare.http.CloudflareHttp;
import dev.batoncf.cloudflare.http.ErrorClassifier;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.RateLimiter;
import dev.batoncf.cloudflare.http.RequestMetrics;
import dev.batoncf.cloudflare.model.AccessApp;
import dev.batoncf.cloudflare.model.AccessGroup;
import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.cloudflare.model.Account;
import dev.batoncf.cloudflare.model.ApiToken;
import dev.batoncf.cloudflare.model.AuditPage;
import dev.batoncf.cloudflare.model.AuditRecord;
import dev.batoncf.cloudflare.model.Envelope;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.MemberBodies;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.cloudflare.model.RiskSummaryUser;
import dev.batoncf.cloudflare.model.Role;
import dev.batoncf.cloudflare.model.TokenVerification;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;

/**
 * One method per Cloudflare call, each returning a model or one {@link Page}. Never loops over
 * pages: the sync engine is the only page loop. Every failure arrives as a {@link
 * CloudflareException} subtype.
 */
public final class CloudflareClient implements AutoCloseable {
  /** Largest page the IAM lists accept (members, roles, tokens: 5–50). */
  public static final int IAM_MAX_PAGE = 50;

  /** Largest page the Access lists accept (users, groups: up to 1000). */
  public static final int ACCESS_MAX_PAGE = 1000;

  /** The audit log's largest page (cloudflare-api.md §17). */
  public static final int AUDIT_MAX_PAGE = 1000;

  // A stable order makes page-number paging less likely to skip or repeat members mid-sync.
  private static final String MEMBER_ORDER = "user.email";
  private static final String ASC = "asc";

  private final CloudflareApi api;
  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String accountId;
  private final Credentials credentials;
  private final RequestMetrics metrics;
  private final AtomicLong httpNanos = new AtomicLong();

  public CloudflareClient(
      HttpSettings settings, String accountId, RateLimiter limiter, HttpEvents events) {
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.credentials = settings.credentials();
    this.metrics = new RequestMetrics();
    this.http = CloudflareHttp.build(settings, limiter, metrics, events);
    this.baseUrl = settings.httpUrl();
    this.api =
        new Retrofit.Builder()
            .baseUrl(baseUrl)
            .client(http)
            .addConverterFactory(GsonConverterFactory.create(gson()))
            .build()
            .create(CloudflareApi.class);
  }

  /** The Gson setup for Cloudflare's snake_case JSON; records bind by component name. */
  public static Gson gson() {
    return new GsonBuilder()
        .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
        .disableHtmlEscaping()
        .create();
  }

  public String accountId() {
    return accountId;
  }

  public Credentials credentials() {
    return credentials;
  }

  public RequestMetrics metrics() {
    return metrics;
  }

  /** Time callers spent waiting on Cloudflare calls (retries and rate-limit waits included). */
  public Duration httpTime() {
    return Duration.ofNanos(httpNanos.get());
  }

  public Account account() {
    return result(api.account(accountId));
  }

  /**
   * Verifies an API token: the account-owned variant first, then the user-owned one (each fails for
   * the other kind of token). Only meaningful in API-token mode.
   */
  public TokenVerification verifyToken() {
    try {
      return result(api.verifyAccountToken(accountId));
    } catch (CloudflareException.Unauthenticated
        | CloudflareException.PermissionDenied
        | CloudflareException.BadRequest
        | CloudflareException.NotFound e) {
      return result(api.verifyUserToken());
    }
  }

  public Page<Member> members(int page, int perPage) {
    return page(api.members(accountId, page, perPage, MEMBER_ORDER, ASC), page, perPage);
  }

  /** Pending invitations only: the members whose acceptance the audit log may not record. */
  public Page<Member> pendingMembers(int page, int perPage) {
    return page(
        api.membersWithStatus(accountId, page, perPage, MEMBER_ORDER, ASC, Member.PENDING),
        page,
        perPage);
  }

  public Member member(String memberId) {
    return result(api.member(accountId, memberId));
  }

  /** PUT the complete role set (objects {@code {"id":…}}, as the PUT schema wants). */
  public Member replaceMemberRoles(String memberId, Collection<String> roleIds) {
    return result(
        api.updateMemberRoles(
            accountId, memberId, new MemberBodies.Roles(MemberBodies.refs(roleIds))));
  }

  /** Invite: role ids as strings and status pending (accepted is refused with code 1001). */
  public Member inviteMember(String email, Collection<String> roleIds) {
    return result(api.createMember(accountId, inviteBody(email, roleIds)));
  }

  /** The invite body, also printed by dry runs. */
  public static MemberBodies.Invite inviteBody(String email, Collection<String> roleIds) {
    return new MemberBodies.Invite(email, List.copyOf(roleIds), Member.PENDING);
  }

  public void deleteMember(String memberId) {
    execute(api.deleteMember(accountId, memberId));
  }

  public Page<Role> roles(int page, int perPage) {
    return page(api.roles(accountId, page, perPage), page, perPage);
  }

  /** One account role, or empty when the account has no role with that id (404). */
  public java.util.Optional<Role> role(String roleId) {
    try {
      return java.util.Optional.ofNullable(result(api.role(accountId, roleId)));
    } catch (CloudflareException.NotFound e) {
      return java.util.Optional.empty();
    }
  }

  /** Expired tokens are included: they are still credentials a reviewer should see. */
  public Page<ApiToken> tokens(int page, int perPage) {
    return page(api.tokens(accountId, page, perPage, true), page, perPage);
  }

  public Page<AccessUser> accessUsers(int page, int perPage) {
    return page(api.accessUsers(accountId, page, perPage), page, perPage);
  }

  public Page<AccessGroup> accessGroups(int page, int perPage) {
    Envelope<List<JsonObject>> env = execute(api.accessGroups(accountId, page, perPage));
    List<AccessGroup> groups = new ArrayList<>();
    if (env.result() != null) {
      env.result().forEach(g -> groups.add(new AccessGroup(g)));
    }
    return Page.of(groups, page, perPage, env.resultInfo());
  }

  public Page<AccessApp> accessApps(int page, int perPage) {
    Envelope<List<JsonObject>> env = execute(api.accessApps(accountId, page, perPage));
    List<AccessApp> apps = new ArrayList<>();
    if (env.result() != null) {
      env.result().forEach(a -> apps.add(new AccessApp(a)));
    }
    return Page.of(apps, page, perPage, env.resultInfo());
  }

  public AccessGroup accessGroup(String groupId) {
    return new AccessGroup(result(api.accessGroup(accountId, groupId)));
  }

  public AccessGroup replaceAccessGroup(String groupId, JsonObject body) {
    return new AccessGroup(result(api.replaceAccessGroup(accountId, groupId, body)));
  }

  /** The values of a Zero Trust list's first page, flattening the array-of-arrays quirk. */
  public List<String> gatewayListValues(String listId) {
    return gatewayListValues(listId, 1).items();
  }

  /**
   * One page of a Zero Trust list's values. The schema declares no paging, so page 1 sends no
   * {@code page}; the page's end is decided from {@code result_info} like any list, so a response
   * saying more remain is read on instead of passing for the whole list.
   */
  public Page<String> gatewayListValues(String listId, int page) {
    Envelope<JsonElement> env =
        execute(api.gatewayListItems(accountId, listId, page == 1 ? null : page));
    List<String> values = new ArrayList<>();
    collectValues(env.result(), values);
    return Page.of(values, page, unpagedPerPage(env, values.size()), env.resultInfo());
  }

  private static void collectValues(JsonElement e, List<String> out) {
    if (e == null || e.isJsonNull()) {
      return;
    }
    if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> collectValues(x, out));
    } else if (e.isJsonObject() && e.getAsJsonObject().has("value")) {
      JsonElement v = e.getAsJsonObject().get("value");
      if (v.isJsonPrimitive()) {
        out.add(v.getAsString());
      }
    }
  }

  /**
   * One page of the audit log between {@code since} and {@code before} (RFC 3339), oldest first. A
   * missing {@code result_info} or cursor ends the walk.
   */
  public AuditPage auditLogs(String since, String before, String cursor, int limit) {
    Envelope<List<AuditRecord>> env =
        execute(api.auditLogs(accountId, since, before, ASC, limit, cursor));
    List<AuditRecord> records = env.result() == null ? List.of() : env.result();
    return new AuditPage(records, env.resultInfo() == null ? null : env.resultInfo().nextCursor());
  }

  /** The risk summary's users (the result is an object holding {@code users}, not an array). */
  public List<RiskSummaryUser> riskSummary() {
    return riskSummary(1).items();
  }

  /** One page of the risk summary; paged like {@link #gatewayListValues(String, int)}. */
  public Page<RiskSummaryUser> riskSummary(int page) {
    Envelope<JsonObject> env = execute(api.riskSummary(accountId, page == 1 ? null : page));
    JsonObject result = env.result();
    JsonElement users = result == null ? null : result.get("users");
    List<RiskSummaryUser> out = new ArrayList<>();
    if (users != null && users.isJsonArray()) {
      Gson g = gson();
      users.getAsJsonArray().forEach(u -> out.add(g.fromJson(u, RiskSummaryUser.class)));
    }
    return Page.of(out, page, unpagedPerPage(env, out.size()), env.resultInfo());
  }

  /** Without result_info's per_page, a list that declares no paging came whole. */
  private static int unpagedPerPage(Envelope<?> env, int read) {
    return env.resultInfo() != null
            && env.resultInfo().perPage() != null
            && env.resultInfo().perPage() > 0
        ? env.resultInfo().perPage()
        : Math.max(read + 1, 1);
  }

  /** One IAM user group at most: enough to learn whether the credential may list them. */
  public void probeUserGroups() {
    execute(api.userGroupsProbe(accountId, 1, 1));
  }

  /** The Zero Trust lists (one request): whether the credential may read lists. */
  public void probeGatewayLists() {
    execute(api.gatewayListsProbe(accountId));
  }

  // ---- shared with SecurityClient, the second facade over the same Retrofit/OkHttp stack

  CloudflareApi api() {
    return api;
  }

  OkHttpClient http() {
    return http;
  }

  /** The configured base URL, ending in "/". */
  HttpUrl baseUrl() {
    return baseUrl;
  }

  private <T> Page<T> page(Call<Envelope<List<T>>> call, int page, int perPage) {
    Envelope<List<T>> env = execute(call);
    return Page.of(env.result(), page, perPage, env.resultInfo());
  }

  <T> T result(Call<Envelope<T>> call) {
    return execute(call).result();
  }

  /** Runs one call; the OkHttp stack has already retried what deserves retrying. */
  <T> Envelope<T> execute(Call<Envelope<T>> call) {
    String endpoint = ErrorClassifier.endpointOf(call.request());
    Response<Envelope<T>> response;
    long start = System.nanoTime();
    try {
      response = call.execute();
    } catch (IOException e) {
      throw ErrorClassifier.fromIOException(endpoint, e);
    } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
      // Gson surfaces bodies that are not the documented shape as these unchecked exceptions.
      throw new CloudflareException.Malformed(endpoint, 200, shortReason(e));
    } finally {
      httpNanos.addAndGet(System.nanoTime() - start);
    }
    if (!response.isSuccessful()) {
      String body = null;
      try (var errorBody = response.errorBody()) {
        body = errorBody == null ? null : errorBody.string();
      } catch (IOException ignored) {
        // the status alone still classifies the failure
      }
      throw ErrorClassifier.classify(endpoint, response.code(), body, response.headers());
    }
    Envelope<T> env = response.body();
    if (env == null) {
      throw new CloudflareException.Malformed(endpoint, response.code(), "empty body");
    }
    if (!env.ok()) {
      throw new CloudflareException.BadRequest(endpoint, response.code(), env.errors());
    }
    return env;
  }

  private static String shortReason(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.length() > 160 ? m.substring(0, 160) + "…" : m;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
