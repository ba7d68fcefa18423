package dev.batoncf.cloudflare.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.Headers;

/**
 * Reads Cloudflare's rate-limit headers (cloudflare-api.md §1): {@code retry-after: 30} (seconds,
 * or an HTTP date) and {@code Ratelimit: "default";r=50;t=30} (r = requests remaining, t = seconds
 * until reset). Unparseable values are ignored rather than failing the call.
 */
final class RateLimitHeaders {
  /** Longer waits than this are treated as this; any sane deadline gives up before anyway. */
  static final Duration MAX_WAIT = Duration.ofDays(1);

  private RateLimitHeaders() {}

  /** The server's wait before retrying: {@code retry-after}, else the {@code t} of Ratelimit. */
  static Optional<Duration> serverWait(Headers headers, Instant now) {
    Optional<Duration> retryAfter = retryAfter(headers, now);
    return retryAfter.isPresent() ? retryAfter : resetIn(headers);
  }

  static Optional<Duration> retryAfter(Headers headers, Instant now) {
    if (headers == null) {
      return Optional.empty();
    }
    String value = headers.get("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    OptionalLong seconds = parseSeconds(value.trim());
    if (seconds.isPresent()) {
      return Optional.of(capped(seconds.getAsLong()));
    }
    Date date = headers.getDate("Retry-After");
    if (date == null) {
      return Optional.empty();
    }
    Duration d = Duration.between(now, date.toInstant());
    return Optional.of(d.isNegative() ? Duration.ZERO : min(d, MAX_WAIT));
  }

  /** The longest {@code t=} of any Ratelimit item. */
  static Optional<Duration> resetIn(Headers headers) {
    return ratelimit(headers, false);
  }

  /** The longest {@code t=} of the Ratelimit items that have {@code r=0} (budget used up). */
  static Optional<Duration> exhaustedFor(Headers headers) {
    return ratelimit(headers, true);
  }

  private static Optional<Duration> ratelimit(Headers headers, boolean onlyExhausted) {
    if (headers == null) {
      return Optional.empty();
    }
    long best = -1;
    for (String value : headers.values("Ratelimit")) {
      for (String item : value.split(",")) {
        OptionalLong remaining = OptionalLong.empty();
        OptionalLong reset = OptionalLong.empty();
        for (String param : item.split(";")) {
          int eq = param.indexOf('=');
          if (eq < 0) {
            continue; // the policy name, e.g. "default"
          }
          String key = param.substring(0, eq).trim();
          OptionalLong n = parseSeconds(param.substring(eq + 1).trim());
          if (key.equals("r")) {
            remaining = n;
          } else if (key.equals("t")) {
            reset = n;
          }
        }
        boolean counts = !onlyExhausted || (remaining.isPresent() && remaining.getAsLong() == 0);
        if (counts && reset.isPresent() && reset.getAsLong() > 0) {
          best = Math.max(best, reset.getAsLong());
        }
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(capped(best));
  }

  private static OptionalLong parseSeconds(String s) {
    if (s.isEmpty() || s.length() > 12) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(Long.parseLong(s));
  }

  private static Duration capped(long seconds) {
    return min(Duration.ofSeconds(seconds), MAX_WAIT);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
