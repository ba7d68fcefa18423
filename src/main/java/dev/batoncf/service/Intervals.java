package dev.batoncf.service;

import com.google.protobuf.util.Durations;
import java.time.Duration;

/** The host's timing hints, clamped as Baton's task manager clamps them. */
final class Intervals {
  static final Duration MAX_POLL = Duration.ofMinutes(5);
  static final Duration MIN_HEARTBEAT = Duration.ofSeconds(1);
  static final Duration MAX_HEARTBEAT = Duration.ofMinutes(5);
  static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  /** After a failed GetTask: errors² seconds, at most a minute (Baton's runner). */
  static final Duration MAX_ERROR_BACKOFF = Duration.ofMinutes(1);

  private Intervals() {}

  /** {@code next_poll}, clamped to 0..5 min. */
  static Duration nextPoll(com.google.protobuf.Duration d) {
    Duration v = toJava(d);
    return v.isNegative() ? Duration.ZERO : v.compareTo(MAX_POLL) > 0 ? MAX_POLL : v;
  }

  /** {@code next_heartbeat}: 0 (unset) means 30 s, otherwise clamped to 1 s..5 min. */
  static Duration nextHeartbeat(com.google.protobuf.Duration d) {
    Duration v = toJava(d);
    if (v.isZero()) {
      return DEFAULT_HEARTBEAT;
    }
    return v.compareTo(MIN_HEARTBEAT) < 0
        ? MIN_HEARTBEAT
        : v.compareTo(MAX_HEARTBEAT) > 0 ? MAX_HEARTBEAT : v;
  }

  static Duration errorBackoff(int consecutiveErrors) {
    long s = (long) consecutiveErrors * consecutiveErrors;
    return s >= MAX_ERROR_BACKOFF.toSeconds() ? MAX_ERROR_BACKOFF : Duration.ofSeconds(s);
  }

  private static Duration toJava(com.google.protobuf.Duration d) {
    return Duration.ofNanos(Durations.toNanos(d));
  }
}
