package dev.batoncf.cloudflare.http;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that never goes backwards: wall time read once, then advanced by {@link
 * System#nanoTime()}. A sliding-window limiter on the plain wall clock would send a burst (or
 * stall) whenever NTP steps the clock.
 */
public final class MonotonicClock extends Clock {
  // Immutable: the origin is fixed when the class loads, so every user shares one time line and
  // an Instant handed to RateLimiter.pauseUntil means the same moment everywhere.
  private static final MonotonicClock SYSTEM =
      new MonotonicClock(Instant.now(), System.nanoTime(), ZoneOffset.UTC);

  private final Instant origin;
  private final long originNanos;
  private final ZoneId zone;

  private MonotonicClock(Instant origin, long originNanos, ZoneId zone) {
    this.origin = origin;
    this.originNanos = originNanos;
    this.zone = zone;
  }

  /** The process-wide monotonic clock. */
  public static Clock system() {
    return SYSTEM;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MonotonicClock(origin, originNanos, Objects.requireNonNull(newZone, "zone"));
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(System.nanoTime() - originNanos);
  }
}
