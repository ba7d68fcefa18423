package dev.batoncf.cloudflare.http;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code requests} sends in any sliding window of length {@code window}.
 *
 * <p>The default stays below Cloudflare's 1,200 requests per 5 minutes per token, because going
 * over it blocks every call for 5 minutes (cloudflare-api.md §1) and the dashboard and other tools
 * share the same budget.
 */
public record RateBudget(int requests, Duration window) {

  /** 1,100 requests per 300 s: 100 below Cloudflare's limit. */
  public static final RateBudget CLOUDFLARE_DEFAULT = new RateBudget(1100, Duration.ofMinutes(5));

  /** The limiter keeps one timestamp per allowed request; this keeps that memory bounded. */
  static final int MAX_REQUESTS = 1_000_000;

  public RateBudget {
    Objects.requireNonNull(window, "window");
    if (requests < 1 || requests > MAX_REQUESTS) {
      throw new IllegalArgumentException(
          "rate budget must allow between 1 and " + MAX_REQUESTS + " requests, got " + requests);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rate budget window must be positive, got " + window);
    }
  }

  @Override
  public String toString() {
    return requests + " requests / " + Durations.human(window);
  }
}
