package dev.batoncf.daemon;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A classic 5-field cron expression (minute hour day-of-month month day-of-week) evaluated in one
 * time zone: {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, lists,
 * month and weekday names ({@code JAN}, {@code MON}), 0 or 7 for Sunday, and the macros
 * {@code @hourly @daily @midnight @weekly @monthly @yearly @annually}. As in Vixie cron, when both
 * day fields are restricted a day matching either one is due. Local times skipped by a DST change
 * run at the first instant after the gap; repeated ones run once.
 */
public final class CronSchedule implements Schedule {
  /** Long enough to find a 29 February from any starting point. */
  private static final int SEARCH_YEARS = 8;

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly",
          "0 * * * *",
          "@daily",
          "0 0 * * *",
          "@midnight",
          "0 0 * * *",
          "@weekly",
          "0 0 * * 0",
          "@monthly",
          "0 0 1 * *",
          "@yearly",
          "0 0 1 1 *",
          "@annually",
          "0 0 1 1 *");

  private final String expression;
  private final ZoneId zone;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(String expression, ZoneId zone, String[] f) {
    this.expression = expression;
    this.zone = zone;
    this.minutes = field(f[0], "minute", 0, 59, List.of());
    this.hours = field(f[1], "hour", 0, 23, List.of());
    this.daysOfMonth = field(f[2], "day of month", 1, 31, List.of());
    this.months = field(f[3], "month", 1, 12, MONTHS);
    BitSet dow = field(f[4], "day of week", 0, 7, DAYS);
    if (dow.get(7)) {
      dow.set(0);
    }
    this.daysOfWeek = dow;
    this.anyDayOfMonth = f[2].startsWith("*");
    this.anyDayOfWeek = f[4].startsWith("*");
  }

  /**
   * @throws IllegalArgumentException naming the field that is wrong, or if it never matches
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    String e = expression == null ? "" : expression.trim();
    String expanded = MACROS.getOrDefault(e.toLowerCase(Locale.ROOT), e);
    String[] fields = expanded.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "'"
              + e
              + "' is not a cron expression: it needs 5 fields"
              + " (minute hour day-of-month month day-of-week), e.g. '0 2 * * *'");
    }
    CronSchedule s = new CronSchedule(e, zone, fields);
    // Nothing in 8 years from a fixed start (e.g. '0 0 30 2 *') means never.
    if (s.search(Instant.parse("2000-01-01T00:00:00Z")) == null) {
      throw new IllegalArgumentException("'" + e + "' never matches a date");
    }
    return s;
  }

  @Override
  public Instant next(Instant after) {
    Instant next = search(after);
    if (next == null) {
      throw new IllegalStateException("cron '" + expression + "' has no time after " + after);
    }
    return next;
  }

  private Instant search(Instant after) {
    LocalDateTime t =
        LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDateTime limit = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        Instant at = t.atZone(zone).toInstant();
        if (at.isAfter(after)) {
          return at;
        }
        t = t.plusMinutes(1); // a repeated local time (DST overlap) already passed
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDate d) {
    boolean dom = daysOfMonth.get(d.getDayOfMonth());
    boolean dow =
        daysOfWeek.get(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue());
    if (anyDayOfMonth && anyDayOfWeek) {
      return true;
    }
    if (anyDayOfMonth) {
      return dow;
    }
    if (anyDayOfWeek) {
      return dom;
    }
    return dom || dow;
  }

  private static BitSet field(String text, String name, int min, int max, List<String> names) {
    BitSet bits = new BitSet(max + 1);
    for (String item : text.split(",", -1)) {
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(item.substring(slash + 1), name, 1, max - min + 1, List.of(), "step");
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = max;
      } else if (range.indexOf('-') > 0) {
        int dash = range.indexOf('-');
        lo = number(range.substring(0, dash), name, min, max, names, name);
        hi = number(range.substring(dash + 1), name, min, max, names, name);
        if (hi < lo) {
          throw new IllegalArgumentException(name + " range '" + range + "' runs backwards");
        }
      } else {
        lo = number(range, name, min, max, names, name);
        hi = slash >= 0 ? max : lo; // 'a/n' means from a to the end, every n
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(
      String s, String field, int min, int max, List<String> names, String what) {
    int named = names.indexOf(s.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + (names == MONTHS ? 1 : 0);
    }
    int v;
    try {
      v = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field
              + " field: '"
              + s
              + "' is not a number"
              + (names.isEmpty() ? "" : " or a name like " + names.get(1)));
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          field + " field: " + what + " " + v + " is outside " + min + "-" + max);
    }
    return v;
  }

  public String expression() {
    return expression;
  }

  @Override
  public String describe() {
    return "cron '"
        + expression
        + "' ("
        + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId())
        + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
