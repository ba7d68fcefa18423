package dev.batoncf.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants as the report prints them: UTC, whole seconds; ages in whole days. */
final class Dates {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private Dates() {}

  /** "2025-06-01T07:00:11Z", or null. */
  static String iso(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** "2025-06-01". */
  static String day(Instant t) {
    return DAY.format(t);
  }

  /** Whole days from {@code from} to {@code to}; negative when {@code to} is earlier. */
  static long daysBetween(Instant from, Instant to) {
    return Duration.between(from, to).toDays();
  }
}
