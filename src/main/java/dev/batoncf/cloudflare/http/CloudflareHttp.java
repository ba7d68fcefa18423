package dev.batoncf.cloudflare.http;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Builds the one OkHttpClient every Cloudflare call goes through. Application interceptors,
 * outermost first:
 *
 * <ol>
 *   <li>{@link BaseUrlGuard}: nothing leaves for another host, port, scheme or path prefix;
 *   <li>{@link RetryInterceptor}: one logical call, retries with backoff and a deadline;
 *   <li>{@link RateLimitInterceptor}: every attempt takes a slot from the shared limiter;
 *   <li>{@link AuthInterceptor}: exactly one auth scheme;
 *   <li>{@link UserAgentInterceptor};
 *   <li>{@link LoggingInterceptor}: a line per attempt, redacted headers at TRACE, attempt events.
 * </ol>
 *
 * <p>Redirects are off: OkHttp would follow them below the interceptors, past the guard, and it
 * only strips {@code Authorization} (not {@code X-Auth-Key}) when changing host. OkHttp's own
 * silent retry is off too, because it may resend a POST whose request was already written; the
 * {@link RetryInterceptor} decides every retry.
 */
public final class CloudflareHttp {
  private CloudflareHttp() {}

  public static OkHttpClient build(
      HttpSettings settings, RateLimiter limiter, RequestMetrics metrics, HttpEvents events) {
    return build(settings, limiter, metrics, events, HttpRuntime.system());
  }

  /** As above with an injected clock, sleeper and jitter (tests). */
  public static OkHttpClient build(
      HttpSettings settings,
      RateLimiter limiter,
      RequestMetrics metrics,
      HttpEvents events,
      HttpRuntime runtime) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(runtime, "runtime");
    HttpEvents all = HttpEvents.fanOut(metrics, events);
    return new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        // Covers waits and retries; see HttpSettings#callTimeout.
        .callTimeout(settings.retryDeadline().plus(settings.callTimeout()))
        .connectionPool(new ConnectionPool(5, 5, TimeUnit.MINUTES))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .addInterceptor(new BaseUrlGuard(settings.httpUrl()))
        .addInterceptor(new RetryInterceptor(settings, limiter, all, runtime))
        .addInterceptor(new RateLimitInterceptor(limiter, all, runtime.clock()))
        .addInterceptor(new AuthInterceptor(settings.credentials()))
        .addInterceptor(new UserAgentInterceptor(settings.userAgent()))
        .addInterceptor(new LoggingInterceptor(all))
        .build();
  }
}
