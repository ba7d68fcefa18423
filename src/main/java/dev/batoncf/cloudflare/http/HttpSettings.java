package dev.batoncf.cloudflare.http;

import dev.batoncf.cloudflare.Credentials;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Everything the HTTP stack needs, validated once.
 *
 * @param baseUrl where every request goes, e.g. {@code https://api.cloudflare.com/client/v4};
 *     credentials are never sent anywhere else
 * @param connectTimeout TCP + TLS connect, per attempt
 * @param readTimeout longest silence while reading a response (also used for writes), per attempt
 * @param callTimeout time one last attempt may still take once the retry deadline has passed:
 *     OkHttp's whole-call timeout is {@code retryDeadline + callTimeout}, so no logical call
 *     (waits, retries and all) can hang longer than that
 * @param retryDeadline total time one logical call may spend before giving up on retrying; long
 *     enough by default (6 min) to wait out Cloudflare's 5-minute lockout after a 429
 * @param maxAttempts attempts per logical call, the first one included
 * @param rateLimitLockout how long a 429 that names no wait ({@code retry-after} or {@code
 *     Ratelimit}) blocks the credential: Cloudflare documents a 5-minute block
 * @param budget client-side budget shared by every client using the same limiter
 * @param perSecondCap at most this many requests in any one second (Cloudflare: 200/s per IP)
 * @param userAgent sent as {@code User-Agent}
 */
public record HttpSettings(
    String baseUrl,
    Credentials credentials,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    Duration retryDeadline,
    int maxAttempts,
    Duration rateLimitLockout,
    RateBudget budget,
    int perSecondCap,
    String userAgent) {

  public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_RETRY_DEADLINE = Duration.ofMinutes(6);
  public static final int DEFAULT_MAX_ATTEMPTS = 8;

  /** Cloudflare's documented block once the budget is passed (cloudflare-api.md §1). */
  public static final Duration DEFAULT_RATE_LIMIT_LOCKOUT = Duration.ofMinutes(5);

  public static final int DEFAULT_PER_SECOND_CAP = 50;
  public static final String DEFAULT_USER_AGENT = "baton-cloudflare/" + versionOrDev();

  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  public HttpSettings {
    validateBaseUrl(baseUrl);
    Objects.requireNonNull(credentials, "credentials");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(callTimeout, "callTimeout");
    Objects.requireNonNull(retryDeadline, "retryDeadline");
    if (retryDeadline.isNegative()) {
      throw new IllegalArgumentException(
          "retryDeadline must not be negative, got " + retryDeadline);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    requirePositive(rateLimitLockout, "rateLimitLockout");
    Objects.requireNonNull(budget, "budget");
    if (perSecondCap < 1) {
      throw new IllegalArgumentException("perSecondCap must be at least 1, got " + perSecondCap);
    }
    if (userAgent == null || userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be blank");
    }
  }

  /** The documented defaults for {@code baseUrl} and {@code credentials}. */
  public static HttpSettings defaults(String baseUrl, Credentials credentials) {
    return new HttpSettings(
        baseUrl,
        credentials,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_READ_TIMEOUT,
        DEFAULT_CALL_TIMEOUT,
        DEFAULT_RETRY_DEADLINE,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_RATE_LIMIT_LOCKOUT,
        RateBudget.CLOUDFLARE_DEFAULT,
        DEFAULT_PER_SECOND_CAP,
        DEFAULT_USER_AGENT);
  }

  public HttpSettings withTimeouts(Duration connect, Duration read, Duration call) {
    return new HttpSettings(
        baseUrl,
        credentials,
        connect,
        read,
        call,
        retryDeadline,
        maxAttempts,
        rateLimitLockout,
        budget,
        perSecondCap,
        userAgent);
  }

  public HttpSettings withRetry(Duration deadline, int attempts) {
    return new HttpSettings(
        baseUrl,
        credentials,
        connectTimeout,
        readTimeout,
        callTimeout,
        deadline,
        attempts,
        rateLimitLockout,
        budget,
        perSecondCap,
        userAgent);
  }

  /** How long a 429 without a stated wait is taken to block the credential. */
  public HttpSettings withRateLimitLockout(Duration lockout) {
    return new HttpSettings(
        baseUrl,
        credentials,
        connectTimeout,
        readTimeout,
        callTimeout,
        retryDeadline,
        maxAttempts,
        lockout,
        budget,
        perSecondCap,
        userAgent);
  }

  public HttpSettings withRateLimits(RateBudget newBudget, int newPerSecondCap) {
    return new HttpSettings(
        baseUrl,
        credentials,
        connectTimeout,
        readTimeout,
        callTimeout,
        retryDeadline,
        maxAttempts,
        rateLimitLockout,
        newBudget,
        newPerSecondCap,
        userAgent);
  }

  public HttpSettings withUserAgent(String newUserAgent) {
    return new HttpSettings(
        baseUrl,
        credentials,
        connectTimeout,
        readTimeout,
        callTimeout,
        retryDeadline,
        maxAttempts,
        rateLimitLockout,
        budget,
        perSecondCap,
        newUserAgent);
  }

  /**
   * The base URL parsed, always ending in {@code /}: pass this to Retrofit's {@code baseUrl}
   * (Retrofit requires the slash, and relative paths like {@code accounts/{id}} then stay under
   * {@code /client/v4/}).
   */
  public HttpUrl httpUrl() {
    HttpUrl url = HttpUrl.get(baseUrl);
    String path = url.encodedPath();
    return path.endsWith("/") ? url : url.newBuilder().encodedPath(path + "/").build();
  }

  /**
   * Refuses a base URL that could leak credentials: it must parse as http(s), carry no user-info,
   * query or fragment, and use https unless the host is loopback (127.0.0.0/8, ::1, localhost — the
   * simulator and tests). Messages never echo unparseable input, which could be a token pasted into
   * the wrong flag.
   *
   * @throws IllegalArgumentException with a one-line message saying what to fix
   */
  public static void validateBaseUrl(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException(
          "base URL is empty: set it to " + DEFAULT_BASE_URL + " or leave it unset");
    }
    HttpUrl url = HttpUrl.parse(baseUrl);
    if (url == null) {
      throw new IllegalArgumentException(
          "base URL is not a valid http(s) URL: use the form " + DEFAULT_BASE_URL);
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException(
          "base URL must not contain user:password@; "
              + "pass credentials with --api-token or --email and --api-key");
    }
    if (url.query() != null || url.fragment() != null) {
      throw new IllegalArgumentException(
          "base URL "
              + show(url)
              + " must not have a query (?...) or fragment (#...): use the form "
              + DEFAULT_BASE_URL);
    }
    if (!url.isHttps() && !isLoopback(url.host())) {
      throw new IllegalArgumentException(
          "base URL "
              + show(url)
              + " uses plain http: use https "
              + "(plain http is allowed only for 127.0.0.1, ::1 or localhost)");
    }
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
  }

  /** scheme://host:port/path — no user-info, no query. */
  static String show(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.scheme() + "://" + host + ":" + url.port() + url.encodedPath();
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  private static String versionOrDev() {
    String v = HttpSettings.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Names the auth scheme (never the secret) instead of relying on nested toString()s. */
  @Override
  public String toString() {
    return "HttpSettings[baseUrl="
        + baseUrl
        + ", credentials="
        + credentials.describe()
        + ", connectTimeout="
        + Durations.human(connectTimeout)
        + ", readTimeout="
        + Durations.human(readTimeout)
        + ", callTimeout="
        + Durations.human(callTimeout)
        + ", retryDeadline="
        + Durations.human(retryDeadline)
        + ", maxAttempts="
        + maxAttempts
        + ", rateLimitLockout="
        + Durations.human(rateLimitLockout)
        + ", budget="
        + budget
        + ", perSecondCap="
        + perSecondCap
        + ", userAgent="
        + userAgent
        + "]";
  }
}
