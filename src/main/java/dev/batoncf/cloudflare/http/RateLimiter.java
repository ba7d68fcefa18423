package dev.batoncf.cloudflare.http;

import java.time.Duration;
import java.time.Instant;

/**
 * Client-side pacing shared by every client that uses the same Cloudflare credential, because
 * Cloudflare counts (and blocks) per token, not per connection. The caller creates one instance per
 * credential and passes it to every {@link CloudflareHttp#build} for that credential.
 */
public interface RateLimiter {

  /**
   * Blocks until one more request may be sent, and counts it as sent.
   *
   * @return how long the caller waited (zero when it did not)
   */
  Duration acquire() throws InterruptedException;

  /**
   * Cloudflare said (429, or {@code Ratelimit: r=0}) that requests are refused until {@code until}:
   * every caller sharing this limiter waits for it. Earlier instants than a pause already in force
   * are ignored.
   */
  void pauseUntil(Instant until);

  Stats stats();

  /**
   * @param acquired requests let through
   * @param delayed how many of those had to wait
   * @param totalWait time spent waiting, summed over callers
   * @param pauses calls to {@link #pauseUntil}
   * @param pausedUntil the latest pause requested, or {@code null} if there never was one
   */
  record Stats(long acquired, long delayed, Duration totalWait, long pauses, Instant pausedUntil) {}

  /**
   * No client-side budget, for callers that opt out. Pauses Cloudflare imposes (429) are still
   * honoured, since ignoring them only earns more 429s.
   */
  static RateLimiter unlimited() {
    return SlidingWindowRateLimiter.unlimited(MonotonicClock.system(), Sleeper.system());
  }
}
