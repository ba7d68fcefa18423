package dev.batoncf.cloudflare.http;

import java.time.Duration;

/** Short human forms for log lines and error messages ("500ms", "1.5s", "300s"). */
final class Durations {
  private Durations() {}

  static String human(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis % 1000 == 0) {
      return (millis / 1000) + "s";
    }
    return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
  }

  /** Instant as nanoseconds since the epoch, saturating instead of overflowing. */
  static long toNanos(java.time.Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static java.time.Instant fromNanos(long nanos) {
    return java.time.Instant.ofEpochSecond(0, nanos);
  }
}
