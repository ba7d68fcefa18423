package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @Test
  void retryAfterSecondsOrHttpDate() {
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RateLimitHeaders.retryAfter(Headers.of("Retry-After", " 30 "), NOW));
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        RateLimitHeaders.retryAfter(
            Headers.of("retry-after", "Sat, 01 Mar 2025 12:01:30 GMT"), NOW));
    assertEquals(
        Optional.of(Duration.ZERO),
        RateLimitHeaders.retryAfter(
            Headers.of("retry-after", "Sat, 01 Mar 2025 11:00:00 GMT"), NOW));
    assertEquals(
        Optional.empty(), RateLimitHeaders.retryAfter(Headers.of("retry-after", "-5"), NOW));
    assertEquals(
        Optional.empty(), RateLimitHeaders.retryAfter(Headers.of("retry-after", "soon"), NOW));
    assertEquals(Optional.empty(), RateLimitHeaders.retryAfter(Headers.of(), NOW));
    assertEquals(
        Optional.of(RateLimitHeaders.MAX_WAIT),
        RateLimitHeaders.retryAfter(Headers.of("retry-after", "999999999999"), NOW));
  }

  @Test
  void ratelimitHeader() {
    Headers h = Headers.of("Ratelimit", "\"default\";r=50;t=30");
    assertEquals(Optional.of(Duration.ofSeconds(30)), RateLimitHeaders.resetIn(h));
    assertFalse(RateLimitHeaders.exhaustedFor(h).isPresent(), "50 remaining is not exhausted");

    Headers two = Headers.of("Ratelimit", "\"burst\";r=3;t=5, \"default\";r=0;t=120");
    assertEquals(Optional.of(Duration.ofSeconds(120)), RateLimitHeaders.exhaustedFor(two));
    assertEquals(Optional.of(Duration.ofSeconds(120)), RateLimitHeaders.resetIn(two));

    assertEquals(
        Optional.empty(), RateLimitHeaders.resetIn(Headers.of("Ratelimit", "garbage;t=x")));
    assertEquals(
        Optional.empty(), RateLimitHeaders.resetIn(Headers.of("Ratelimit", "\"d\";r=0;t=0")));
  }

  @Test
  void serverWaitPrefersRetryAfter() {
    Headers both = Headers.of("retry-after", "12", "Ratelimit", "\"default\";r=0;t=30");
    assertEquals(Optional.of(Duration.ofSeconds(12)), RateLimitHeaders.serverWait(both, NOW));
    Headers only = Headers.of("Ratelimit", "\"default\";r=0;t=30");
    assertEquals(Optional.of(Duration.ofSeconds(30)), RateLimitHeaders.serverWait(only, NOW));
    assertEquals(Optional.empty(), RateLimitHeaders.serverWait(null, NOW));
  }

  @Test
  void monotonicClockNeverGoesBackwards() {
    Instant previous = MonotonicClock.system().instant();
    for (int i = 0; i < 10_000; i++) {
      Instant now = MonotonicClock.system().instant();
      assertFalse(now.isBefore(previous));
      previous = now;
    }
  }
}
