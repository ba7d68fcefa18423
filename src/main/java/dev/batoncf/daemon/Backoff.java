package dev.batoncf.daemon;

import dev.batoncf.health.DurationText;
import java.time.Duration;

/**
 * Waits between retries of a failed sync: {@code floor}, then doubling, never above {@code cap} and
 * never below {@code floor}.
 */
public record Backoff(Duration floor, Duration cap) {
  /** Retries are never closer together than this, whatever the flags say. */
  public static final Duration MIN_FLOOR = Duration.ofSeconds(1);

  public Backoff {
    if (floor.compareTo(MIN_FLOOR) < 0) {
      throw new IllegalArgumentException(
          "--retry-backoff must be at least " + DurationText.format(MIN_FLOOR));
    }
    if (cap.compareTo(floor) < 0) {
      throw new IllegalArgumentException("--retry-backoff-max must not be below --retry-backoff");
    }
  }

  /** The wait before retry number {@code failures} (1 = after the first failure). */
  public Duration delay(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 30);
    Duration d = floor.multipliedBy(1L << doublings);
    return d.compareTo(cap) > 0 ? cap : d;
  }
}
