package dev.batoncf.cloudflare.http;

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
import java.util.Optional;
import java.util.Set;
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
 *   <li>429: wait what the server says ({@code retry-after}, else {@code Ratelimit} t=, else
 *       backoff), and pause the shared limiter for that long so every concurrent caller waits
 *       too. If the wait would pass the deadline, the 429 response is returned as is.
 *   <li>5xx (except 501/505, which are permanent) and I/O failures: exponential backoff with
 *       jitter (500 ms doubling, capped at 60 s), honouring a {@code retry-after} on 5xx.
 *   <li>POST and PATCH are not idempotent (an invite could be created twice): only 429 and
 *       failures where the request certainly never left (connect refused, unknown host) are
 *       retried.
 *   <li>Other 4xx are never retried. Nothing ever sleeps past the deadline.
 * </ul>
 *
 * <p>The final I/O failure is thrown as a {@link CloudflareIOException} whose Transport message
 * says what failed and how often it was tried. A response is returned as is; the caller
 * classifies it with {@link ErrorClassifier}.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);
  static final Duration BACKOFF_BASE = Duration.ofMillis(500);
  static final Duration BACKOFF_CAP = Duration.ofSeconds(60);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  private final HttpSettings settings;
  private final RateLimiter limiter;
  private final HttpEvents events;
  private final HttpRuntime runtime;

  RetryInterceptor(HttpSettings settings, RateLimiter limiter, HttpEvents events,
      HttpRuntime runtime) {
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
      Response response;
      try {
        response = chain.proceed(request);
      } catch (CloudflareIOException alreadyClassified) {
        throw alreadyClassified;
      } catch (IOException e) {
        String noRetry = whyNotRetry(chain, e, idempotent, request.method());
        Duration wait = backoff(attempt);
        if (noRetry == null && attempt >= settings.maxAttempts()) {
          noRetry = "gave up after " + attempt + " attempts";
        } else if (noRetry == null && runtime.clock().instant().plus(wait).isAfter(deadline)) {
          noRetry = "gave up after " + attempt + " attempts, retry deadline "
              + Durations.human(settings.retryDeadline()) + " reached";
        }
        if (noRetry != null) {
          throw new CloudflareIOException(new CloudflareException.Transport(endpoint,
              ErrorClassifier.describe(e, settings.connectTimeout(), settings.readTimeout())
                  + " (" + noRetry + ")", e));
        }
        waitToRetry(endpoint, e.getClass().getSimpleName(), wait, attempt, false);
        continue;
      }

      int status = response.code();
      boolean rateLimited = status == 429;
      boolean serverError = status >= 500 && status < 600 && status != 501 && status != 505;
      if (!rateLimited && !(serverError && idempotent)) {
        return response;
      }
      Instant now = runtime.clock().instant();
      Optional<Duration> told = rateLimited
          ? RateLimitHeaders.serverWait(response.headers(), now)
          : RateLimitHeaders.retryAfter(response.headers(), now);
      Duration wait = told.isPresent() ? told.get() : backoff(attempt);
      if (rateLimited) {
        // Cloudflare blocks the whole token: make every caller sharing it wait, even if this
        // call gives up below.
        limiter.pauseUntil(now.plus(wait));
      }
      if (attempt >= settings.maxAttempts() || now.plus(wait).isAfter(deadline)) {
        log.debug("{} -> HTTP {}: not retrying (attempt {}/{}, wait {} vs deadline)", endpoint,
            status, attempt, settings.maxAttempts(), Durations.human(wait));
        return response;
      }
      response.close();
      waitToRetry(endpoint, "HTTP " + status, wait, attempt, rateLimited);
    }
  }

  /** Null when the failure may be retried, else the reason it may not. */
  private static String whyNotRetry(Chain chain, IOException e, boolean idempotent,
      String method) {
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
    boolean neverSent = e instanceof ConnectException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException;
    if (!idempotent && !neverSent) {
      return "not retried: " + method + " is not idempotent and may have reached Cloudflare";
    }
    return null;
  }

  private void waitToRetry(String endpoint, String reason, Duration wait, int attempt,
      boolean rateLimited) throws InterruptedIOException {
    String next = "attempt " + (attempt + 1) + "/" + settings.maxAttempts();
    if (rateLimited) {
      log.info("Cloudflare rate limit (429) on {}: waiting {} before {}", endpoint,
          Durations.human(wait), next);
    } else {
      log.debug("{} failed ({}): waiting {} before {}", endpoint, reason, Durations.human(wait),
          next);
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
