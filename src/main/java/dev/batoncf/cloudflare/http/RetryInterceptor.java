package dev.batoncf.cloudflare.http;

import dev.batoncf.cloudflare.ApiError;
import dev.batoncf.cloudflare.CloudflareException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical call = up to {@code maxAttempts} attempts within {@code retryDeadline}.
 *
 * <ul>
 *   <li>429: wait what the server says ({@code retry-after}, else {@code Ratelimit} t=); a 429 that
 *       says nothing is Cloudflare's lockout and is waited out for {@code rateLimitLockout} (5
 *       minutes by default). The shared limiter is paused for that long so every caller of the
 *       credential waits too. A wait the deadline cannot cover is not slept: the call fails at once
 *       with {@link CloudflareException.RateLimited} saying when to retry.
 *   <li>Before every attempt: when the shared limiter is paused past this call's deadline (an
 *       earlier 429 elsewhere in the process), the call fails at once the same way.
 *   <li>5xx (except 501/505, which are permanent) and I/O failures: exponential backoff with jitter
 *       (500 ms doubling, capped at 60 s), honouring a {@code retry-after} on 5xx.
 *   <li>A connection refused, an unknown host or no route before anything has ever answered on this
 *       client is a wrong base URL, not a hiccup: it fails at once. After a first answer the same
 *       failures are transient and retried.
 *   <li>POST and PATCH are not idempotent (an invite could be created twice): only 429 and failures
 *       where the request certainly never left (connect refused, unknown host) are retried.
 *   <li>Other 4xx are never retried. Nothing ever sleeps past the deadline.
 * </ul>
 *
 * <p>The final I/O failure is thrown as a {@link CloudflareIOException} whose Transport message
 * says what failed and how often it was tried. Other responses are returned as is; the caller
 * classifies them with {@link ErrorClassifier}.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);
  static final Duration BACKOFF_BASE = Duration.ofMillis(500);
  static final Duration BACKOFF_CAP = Duration.ofSeconds(60);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private final HttpSettings settings;
  private final RateLimiter limiter;
  private final HttpEvents events;
  private final HttpRuntime runtime;

  /** Whether anything ever answered on this client: until then "refused" means a wrong URL. */
  private final AtomicBoolean answered = new AtomicBoolean();

  RetryInterceptor(
      HttpSettings settings, RateLimiter limiter, HttpEvents events, HttpRuntime runtime) {
    this.settings = settings;
    this.limiter = limiter;
    this.events = events;
    this.runtime = runtime;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String endpoint = ErrorClassifier.endpointOf(request);
    boolean idempotent = IDEMPOTENT.contains(request.method());
    Instant start = runtime.clock().instant();
    Instant deadline = start.plus(settings.retryDeadline());
    events.onCall(endpoint);
    for (int attempt = 1; ; attempt++) {
      failIfPausedPastDeadline(endpoint, deadline);
      Response response;
      try {
        response = chain.proceed(request);
      } catch (CloudflareIOException alreadyClassified) {
        throw alreadyClassified;
      } catch (IOException e) {
        String noRetry = whyNotRetry(chain, e, idempotent, request.method());
        if (noRetry == null && !answered.get() && neverSent(e)) {
          noRetry =
              "nothing has answered at "
                  + settings.baseUrl()
                  + " yet, so not retrying: check the base URL";
        }
        Duration wait = backoff(attempt);
        if (noRetry == null && attempt >= settings.maxAttempts()) {
          noRetry = "gave up after " + attempt + " attempts";
        } else if (noRetry == null && runtime.clock().instant().plus(wait).isAfter(deadline)) {
          noRetry =
              "gave up after "
                  + attempt
                  + " attempts, retry deadline "
                  + Durations.human(settings.retryDeadline())
                  + " reached";
        }
        if (noRetry != null) {
          throw new CloudflareIOException(
              new CloudflareException.Transport(
                  endpoint,
                  ErrorClassifier.describe(e, settings.connectTimeout(), settings.readTimeout())
                      + " ("
                      + noRetry
                      + ")",
                  e));
        }
        waitToRetry(endpoint, e.getClass().getSimpleName(), wait, attempt, false);
        continue;
      }
      answered.set(true);

      int status = response.code();
      boolean rateLimited = status == 429;
      boolean serverError = status >= 500 && status < 600 && status != 501 && status != 505;
      if (!rateLimited && !(serverError && idempotent)) {
        return response;
      }
      Instant now = runtime.clock().instant();
      Duration wait;
      if (rateLimited) {
        Optional<Duration> told = RateLimitHeaders.serverWait(response.headers(), now);
        wait = told.orElse(settings.rateLimitLockout());
        // Cloudflare blocks the whole token: make every caller sharing it wait, even if this
        // call gives up below.
        limiter.pauseUntil(now.plus(wait));
        if (attempt >= settings.maxAttempts() || now.plus(wait).isAfter(deadline)) {
          throw new CloudflareIOException(
              gaveUpOnRateLimit(endpoint, response, wait, told.isPresent(), attempt, now));
        }
      } else {
        wait = RateLimitHeaders.retryAfter(response.headers(), now).orElse(backoff(attempt));
        if (attempt >= settings.maxAttempts() || now.plus(wait).isAfter(deadline)) {
          log.debug(
              "{} -> HTTP {}: not retrying (attempt {}/{}, wait {} vs deadline)",
              endpoint,
              status,
              attempt,
              settings.maxAttempts(),
              Durations.human(wait));
          return response;
        }
      }
      response.close();
      waitToRetry(endpoint, "HTTP " + status, wait, attempt, rateLimited);
    }
  }

  /**
   * Fails at once when an earlier 429 (on any client sharing the limiter) paused requests past this
   * call's deadline: sleeping until the deadline and then failing helps nobody.
   */
  private void failIfPausedPastDeadline(String endpoint, Instant deadline)
      throws CloudflareIOException {
    Instant paused = limiter.stats().pausedUntil();
    if (paused == null || !paused.isAfter(deadline)) {
      return;
    }
    Instant now = runtime.clock().instant();
    Duration left = Duration.between(now, paused);
    throw new CloudflareIOException(
        new CloudflareException.RateLimited(
            "Cloudflare rate limit: requests with this credential are paused for another "
                + Durations.human(left)
                + " after a 429, longer than the retry deadline of "
                + Durations.human(settings.retryDeadline())
                + " allows; retry after "
                + retryAt(now, left),
            endpoint,
            List.of(),
            left));
  }

  /** The RateLimited failure of a 429 that will not be retried, with Cloudflare's codes. */
  private CloudflareException gaveUpOnRateLimit(
      String endpoint, Response response, Duration wait, boolean told, int attempt, Instant now) {
    List<ApiError> errors = List.of();
    try (response) {
      String body = response.peekBody(MAX_ERROR_BODY).string();
      errors = ErrorClassifier.classify(endpoint, 429, body, response.headers()).errors();
    } catch (IOException | RuntimeException unreadable) {
      // the status alone says enough
    }
    String why;
    if (attempt >= settings.maxAttempts()) {
      why = "Cloudflare rate limit (HTTP 429) still in force after " + attempt + " attempts";
    } else if (told) {
      why =
          "Cloudflare rate limit (HTTP 429): Cloudflare asked to wait "
              + Durations.human(wait)
              + ", longer than the retry deadline of "
              + Durations.human(settings.retryDeadline())
              + " allows";
    } else {
      why =
          "Cloudflare rate limit (HTTP 429) without a stated wait: taken as Cloudflare's "
              + Durations.human(wait)
              + " lockout, longer than the retry deadline of "
              + Durations.human(settings.retryDeadline())
              + " allows";
    }
    log.debug("{} -> HTTP 429: not retrying ({})", endpoint, why);
    return new CloudflareException.RateLimited(
        why + "; retry after " + retryAt(now, wait), endpoint, errors, wait);
  }

  /** The moment to retry, rounded up to the second, as an ISO instant ("…T12:05:00Z"). */
  private static String retryAt(Instant now, Duration wait) {
    Instant at = now.plus(wait);
    Instant whole = at.truncatedTo(ChronoUnit.SECONDS);
    return (whole.equals(at) ? whole : whole.plusSeconds(1)).toString();
  }

  private static boolean neverSent(IOException e) {
    return e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException;
  }

  /** Null when the failure may be retried, else the reason it may not. */
  private static String whyNotRetry(Chain chain, IOException e, boolean idempotent, String method) {
    if (chain.call().isCanceled()) {
      return "call canceled";
    }
    if (Thread.currentThread().isInterrupted()
        || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException))) {
      return "interrupted";
    }
    if (e instanceof SSLPeerUnverifiedException
        || (e instanceof SSLHandshakeException && e.getCause() instanceof CertificateException)) {
      return "TLS certificate problems do not go away by retrying";
    }
    if (!idempotent && !neverSent(e)) {
      return "not retried: " + method + " is not idempotent and may have reached Cloudflare";
    }
    return null;
  }

  private void waitToRetry(
      String endpoint, String reason, Duration wait, int attempt, boolean rateLimited)
      throws InterruptedIOException {
    String next = "attempt " + (attempt + 1) + "/" + settings.maxAttempts();
    if (rateLimited) {
      log.info(
          "Cloudflare rate limit (429) on {}: waiting {} before {}; every request with "
              + "this credential waits too",
          endpoint,
          Durations.human(wait),
          next);
    } else {
      log.debug(
          "{} failed ({}): waiting {} before {}", endpoint, reason, Durations.human(wait), next);
    }
    events.onRetry(endpoint, reason, wait);
    Instant before = runtime.clock().instant();
    try {
      runtime.sleeper().sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + endpoint);
    }
    if (rateLimited) {
      events.onRateLimitWait(Duration.between(before, runtime.clock().instant()));
    }
  }

  /** Retry n (n = attempt just failed) waits d/2 + jitter * d/2 with d = min(cap, base*2^(n-1)). */
  Duration backoff(int attempt) {
    int shift = Math.min(attempt - 1, 20);
    Duration full = BACKOFF_BASE.multipliedBy(1L << shift);
    if (full.compareTo(BACKOFF_CAP) > 0) {
      full = BACKOFF_CAP;
    }
    double jitter = Math.max(0.0, Math.min(1.0, runtime.jitter().getAsDouble()));
    long half = full.toNanos() / 2;
    return Duration.ofNanos(half + Math.round(jitter * half));
  }
}
