package dev.batoncf.cloudflare.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits inside {@link RetryInterceptor}, so every attempt (retries included) takes a slot from the
 * shared {@link RateLimiter}. After the response it reads {@code Ratelimit}: when Cloudflare
 * reports {@code r=0}, the limiter pauses until the reset so that the next request does not earn a
 * 429 (and with it a 5-minute block).
 */
final class RateLimitInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);

  private static final Duration NOTICEABLE = Duration.ofMillis(1);

  private final RateLimiter limiter;
  private final HttpEvents events;
  private final Clock clock;

  RateLimitInterceptor(RateLimiter limiter, HttpEvents events, Clock clock) {
    this.limiter = limiter;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Duration waited;
    try {
      waited = limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the rate limiter");
    }
    // Sub-millisecond waits are lock hand-offs between threads, not rate limiting.
    if (waited.compareTo(NOTICEABLE) >= 0) {
      log.debug(
          "rate limiter held {} {} for {}",
          chain.request().method(),
          chain.request().url().encodedPath(),
          Durations.human(waited));
      events.onRateLimitWait(waited);
    }
    Response response = chain.proceed(chain.request());
    RateLimitHeaders.exhaustedFor(response.headers())
        .ifPresent(
            reset -> {
              log.info(
                  "Cloudflare reports the rate-limit budget used up; pausing requests for {}",
                  Durations.human(reset));
              limiter.pauseUntil(clock.instant().plus(reset));
            });
    return response;
  }
}
