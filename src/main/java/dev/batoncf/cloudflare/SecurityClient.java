package dev.batoncf.cloudflare;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.batoncf.cloudflare.http.EndpointTag;
import dev.batoncf.cloudflare.http.ErrorClassifier;
import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.cloudflare.model.DomainIntel;
import dev.batoncf.cloudflare.model.IpIntel;
import dev.batoncf.cloudflare.model.RiskIntegration;
import dev.batoncf.cloudflare.model.RiskIntegrationBody;
import dev.batoncf.cloudflare.model.UserRisk;
import dev.batoncf.cloudflare.model.WithRaw;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The calls behind the security actions: threat intel, Zero Trust user risk, risk-scoring
 * integrations, and the raw call of the custom API call action. A second facade over the SAME
 * Retrofit/OkHttp stack as {@link CloudflareClient} (kept apart so neither file has two jobs), so
 * the base-URL guard, auth, rate limiter, retries, metrics and log redaction apply to every one of
 * them. Like the first facade it never loops over pages and fails only with {@link
 * CloudflareException}s.
 */
public final class SecurityClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String INTEL_IP = "GET /accounts/{account_id}/intel/ip";
  private static final String INTEL_DOMAIN = "GET /accounts/{account_id}/intel/domain";

  /** Metrics and error key of raw calls: "POST (custom API call)", never the caller's path. */
  public static final String RAW_ENDPOINT = "(custom API call)";

  /**
   * Request headers a caller may never set (defence in depth: the action refuses them first, and
   * the auth interceptor replaces credentials anyway). Host would pick another virtual host on the
   * same address; the rest are credentials or connection management OkHttp owns.
   */
  private static final Set<String> RESERVED_REQUEST_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "host",
          "cookie",
          "connection",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length");

  /** Response headers never handed back: they carry or set credentials. */
  private static final Set<String> CREDENTIAL_RESPONSE_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "set-cookie2");

  /** OkHttp refuses these methods without a body; an empty one stands for "no body". */
  private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH");

  /** Every {@code X-Auth-*} header is Cloudflare credential material. */
  private static final String X_AUTH_PREFIX = "x-auth-";

  private final CloudflareClient client;
  private final CloudflareApi api;
  private final String accountId;
  private final Gson gson = CloudflareClient.gson();

  public SecurityClient(CloudflareClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.api = client.api();
    this.accountId = client.accountId();
  }

  // ---- threat intel (cloudflare-api.md §10)

  /**
   * {@code GET /intel/ip} for one address: exactly one of the two is non-null. One item per
   * address, each with its raw JSON so callers can pass on fields this connector does not model.
   */
  public List<WithRaw<IpIntel>> ipIntel(String ipv4, String ipv6) {
    List<JsonObject> items = client.result(api.intelIp(accountId, ipv4, ipv6));
    List<WithRaw<IpIntel>> out = new ArrayList<>();
    if (items != null) {
      items.forEach(item -> out.add(bind(INTEL_IP, item, IpIntel.class)));
    }
    return out;
  }

  /** {@code GET /intel/domain}, with its raw JSON (see {@link #ipIntel}). */
  public WithRaw<DomainIntel> domainIntel(String domain) {
    JsonObject result = client.result(api.intelDomain(accountId, domain));
    return bind(INTEL_DOMAIN, result == null ? new JsonObject() : result, DomainIntel.class);
  }

  /** Schema [S24] leaves parts of intel untyped, so a surprise shape is reported, not thrown. */
  private <T> WithRaw<T> bind(String endpoint, JsonObject raw, Class<T> type) {
    try {
      return new WithRaw<>(gson.fromJson(raw, type), raw);
    } catch (JsonParseException | IllegalStateException e) {
      throw new CloudflareException.Malformed(
          endpoint, 200, "result does not have the documented shape");
    }
  }

  // ---- Zero Trust user risk (cloudflare-api.md §8, §9)

  /**
   * The Access user with exactly this email (case-insensitive), if any. The list filter alone is
   * not trusted to be exact, so the answer is checked here.
   */
  public Optional<AccessUser> accessUserByEmail(String email) {
    List<AccessUser> users =
        client.result(api.accessUsersByEmail(accountId, email, CloudflareClient.ACCESS_MAX_PAGE));
    if (users == null) {
      return Optional.empty();
    }
    String wanted = email.toLowerCase(Locale.ROOT);
    return users.stream()
        .filter(
            u ->
                u.id() != null
                    && u.email() != null
                    && u.email().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  public UserRisk userRisk(String accessUserId) {
    return client.result(api.userRisk(accountId, accessUserId));
  }

  public void resetUserRisk(String accessUserId) {
    client.execute(api.resetUserRisk(accountId, accessUserId));
  }

  // ---- off-boarding (cloudflare-api.md §16)

  /** Cloudflare's answer: true when it revoked the person's Access tokens. */
  public boolean revokeAccessUser(String email) {
    JsonObject body = new JsonObject();
    body.addProperty("email", email);
    JsonElement result = client.result(api.revokeAccessUser(accountId, body));
    return result != null
        && result.isJsonPrimitive()
        && result.getAsJsonPrimitive().isBoolean()
        && result.getAsBoolean();
  }

  /** Revokes every token issued for the app; NotFound when there is no such app. */
  public void revokeAppTokens(String appId) {
    client.execute(api.revokeAppTokens(accountId, appId));
  }

  // ---- risk-scoring integrations (cloudflare-api.md §9)

  public List<RiskIntegration> riskIntegrations() {
    List<RiskIntegration> all = client.result(api.riskIntegrations(accountId));
    return all == null ? List.of() : all;
  }

  public RiskIntegration riskIntegration(String integrationId) {
    return client.result(api.riskIntegration(accountId, integrationId));
  }

  public RiskIntegration riskIntegrationByReference(String referenceId) {
    return client.result(api.riskIntegrationByReference(accountId, referenceId));
  }

  /** {@code referenceId} may be null (then not sent). */
  public RiskIntegration createRiskIntegration(
      String integrationType, String tenantUrl, String referenceId) {
    return client.result(
        api.createRiskIntegration(
            accountId, new RiskIntegrationBody.Create(integrationType, tenantUrl, referenceId)));
  }

  /** The PUT overwrites: pass every value that is to remain ({@code referenceId} may be null). */
  public RiskIntegration updateRiskIntegration(
      String integrationId, boolean active, String tenantUrl, String referenceId) {
    return client.result(
        api.updateRiskIntegration(
            accountId,
            integrationId,
            new RiskIntegrationBody.Update(active, tenantUrl, referenceId)));
  }

  public void deleteRiskIntegration(String integrationId) {
    client.execute(api.deleteRiskIntegration(accountId, integrationId));
  }

  // ---- raw call (custom_api_call)

  /**
   * Sends a caller-defined request through the connector's own OkHttp stack and returns what came
   * back, whatever the status: an error status is an answer here, not an exception. The path is
   * resolved against the base URL with {@link HttpUrl#resolve}, so a path that escapes it (an
   * absolute or scheme-relative URL, "..") resolves elsewhere and is stopped by the stack's
   * base-URL guard before credentials are added. At most {@code maxBodyBytes} of the body are read;
   * credential headers are removed and the configured secret is masked in what remains.
   *
   * @throws CloudflareException.Transport when nothing usable came back, or the guard refused
   * @throws IllegalArgumentException when the path does not resolve to a URL at all
   */
  public RawResponse rawCall(RawRequest req, long maxBodyBytes) {
    HttpUrl resolved = client.baseUrl().resolve(req.relativePath());
    if (resolved == null) {
      throw new IllegalArgumentException("the endpoint does not form a valid URL");
    }
    HttpUrl.Builder url = resolved.newBuilder();
    req.query().forEach(url::addQueryParameter);
    Request.Builder b =
        new Request.Builder()
            .url(url.build())
            .tag(EndpointTag.class, new EndpointTag(req.method() + " " + RAW_ENDPOINT));
    req.headers()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!RESERVED_REQUEST_HEADERS.contains(lower) && !lower.startsWith(X_AUTH_PREFIX)) {
                b.addHeader(name, value);
              }
            });
    RequestBody body =
        req.jsonBody() != null
            ? RequestBody.create(req.jsonBody(), JSON)
            : BODY_REQUIRED.contains(req.method()) ? RequestBody.create(new byte[0], null) : null;
    Request request = b.method(req.method(), body).build();
    String endpoint = ErrorClassifier.endpointOf(request);
    try (Response response = client.http().newCall(request).execute()) {
      return answer(response, maxBodyBytes);
    } catch (IOException e) {
      throw ErrorClassifier.fromIOException(endpoint, e);
    }
  }

  private RawResponse answer(Response response, long maxBodyBytes) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response
        .headers()
        .toMultimap()
        .forEach(
            (name, values) -> {
              if (!CREDENTIAL_RESPONSE_HEADERS.contains(name) && !name.startsWith(X_AUTH_PREFIX)) {
                List<String> safe = new ArrayList<>(values.size());
                values.forEach(v -> safe.add(redact(v, false)));
                headers.put(name, List.copyOf(safe));
              }
            });
    ResponseBody body = response.body();
    if (body == null) {
      return new RawResponse(response.code(), headers, "", false);
    }
    // Never trust Content-Length: read at most the cap (plus one byte to learn it was exceeded).
    BufferedSource source = body.source();
    boolean truncated = source.request(maxBodyBytes + 1);
    Buffer buffer = source.getBuffer();
    byte[] bytes = buffer.readByteArray(Math.min(buffer.size(), maxBodyBytes));
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return new RawResponse(
        response.code(), headers, redact(new String(bytes, charset), truncated), truncated);
  }

  /** The configured secret masked in what a server sent (it could echo a request header). */
  private String redact(String text, boolean cutShort) {
    Credentials credentials = client.credentials();
    if (credentials instanceof Credentials.ApiToken t) {
      return t.token().redactIn(text, cutShort);
    }
    if (credentials instanceof Credentials.GlobalApiKey k) {
      return k.key().redactIn(text, cutShort);
    }
    return text;
  }
}
