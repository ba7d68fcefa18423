package dev.batoncf.c1z;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as Baton stores them: Go's layout {@code 2006-01-02 15:04:05.999999999} in local time.
 * The {@code .999999999} part prints the nanoseconds with trailing zeros trimmed, and no dot at all
 * when they are zero; both the writer and Baton compare these strings, so the shape matters.
 */
final class GoTime {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private GoTime() {}

  static String format(Instant instant, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    String base = SECONDS.format(local);
    int nanos = local.getNano();
    if (nanos == 0) {
      return base;
    }
    // Called once per row: avoid String.format on the hot path.
    String digits = Integer.toString(nanos);
    StringBuilder out = new StringBuilder(base.length() + 10).append(base).append('.');
    for (int pad = 9 - digits.length(); pad > 0; pad--) {
      out.append('0');
    }
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return out.append(digits, 0, end).toString();
  }

  /**
   * Parses the Go layout, and also the ISO forms other writers have used ({@code T} separator,
   * optional offset or {@code Z}, which is converted to {@code zone}). Empty when unparseable.
   */
  static Optional<LocalDateTime> parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String iso = text.trim().replace(' ', 'T');
    try {
      return Optional.of(LocalDateTime.parse(iso));
    } catch (DateTimeParseException notLocal) {
      try {
        return Optional.of(OffsetDateTime.parse(iso).atZoneSameInstant(zone).toLocalDateTime());
      } catch (DateTimeParseException notOffset) {
        return Optional.empty();
      }
    }
  }
}
