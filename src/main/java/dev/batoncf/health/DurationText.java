package dev.batoncf.health;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them on a command line: {@code 6h}, {@code 15m}, {@code 1h30m}, {@code
 * 90s}, {@code 250ms}, {@code 2d}; a bare number is seconds (Baton's {@code --timeout 5}).
 */
public final class DurationText {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  private static final Pattern BARE = Pattern.compile("\\d+");

  private DurationText() {}

  /**
   * @throws IllegalArgumentException with a sentence naming the accepted forms; a leading minus is
   *     reported as negative rather than as unreadable
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("-")) {
      throw new IllegalArgumentException("'" + text.trim() + "' is negative");
    }
    if (BARE.matcher(t).matches()) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
              });
      end = m.end();
    }
    if (t.isEmpty() || end != t.length()) {
      throw new IllegalArgumentException(
          "'"
              + (text == null ? "" : text.trim())
              + "' is not a duration (e.g. 6h, 15m, 1h30m, 90s, 500ms)");
    }
    return total;
  }

  /** The shortest exact form: "6h", "1h30m", "1.5s" is written "1s500ms". */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    Duration rest = d.minusDays(days);
    append(sb, days, "d");
    append(sb, rest.toHours(), "h");
    append(sb, rest.toMinutesPart(), "m");
    append(sb, rest.toSecondsPart(), "s");
    append(sb, rest.toMillisPart(), "ms");
    return sb.toString();
  }

  private static void append(StringBuilder sb, long n, String unit) {
    if (n != 0) {
      sb.append(n).append(unit);
    }
  }
}
