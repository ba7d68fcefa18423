package dev.batoncf.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {
  /** A Wednesday. */
  private static final Instant WED_1015 = Instant.parse("2025-01-15T10:15:30Z");

  @ParameterizedTest(name = "{0} after 2025-01-15T10:15:30Z (Wed) = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "*/15 * * * *|2025-01-15T10:30:00Z",
        "0 2 * * *|2025-01-16T02:00:00Z",
        "15 10 * * *|2025-01-16T10:15:00Z",
        "16 10 * * *|2025-01-15T10:16:00Z",
        "0 9-17/4 * * *|2025-01-15T13:00:00Z",
        "0 0 * * MON|2025-01-20T00:00:00Z",
        "0 0 * * 0|2025-01-19T00:00:00Z",
        "0 0 * * 7|2025-01-19T00:00:00Z",
        "0 0 1 * *|2025-02-01T00:00:00Z",
        "30 4 1,15 * *|2025-02-01T04:30:00Z",
        "0 0 1 jun *|2025-06-01T00:00:00Z",
        "0 12 29 2 *|2028-02-29T12:00:00Z",
        "5/20 * * * *|2025-01-15T10:25:00Z",
        "@hourly|2025-01-15T11:00:00Z",
        "@daily|2025-01-16T00:00:00Z",
        "@weekly|2025-01-19T00:00:00Z",
        "@monthly|2025-02-01T00:00:00Z",
        "@yearly|2026-01-01T00:00:00Z",
        // both day fields restricted: either matches (Vixie cron), so Friday the 17th comes first
        "0 0 20 * FRI|2025-01-17T00:00:00Z",
        // day of month restricted, weekday '*': only the day of month counts
        "0 0 20 * *|2025-01-20T00:00:00Z"
      })
  void nextDueTime(String expression, String expected) {
    assertEquals(
        Instant.parse(expected), CronSchedule.parse(expression, ZoneOffset.UTC).next(WED_1015));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // 02:30 does not exist on 2025-03-09 in New York: the run comes right after the gap
        "30 2 * * *|2025-03-08T12:00:00Z|2025-03-09T07:30:00Z|2025-03-10T06:30:00Z",
        // 01:30 happens twice on 2025-11-02: it runs once, at the first one, then the next day
        "30 1 * * *|2025-11-01T12:00:00Z|2025-11-02T05:30:00Z|2025-11-03T06:30:00Z"
      })
  void daylightSavingTime(String expression, String after, String expected, String following) {
    CronSchedule s = CronSchedule.parse(expression, ZoneId.of("America/New_York"));
    Instant first = s.next(Instant.parse(after));
    assertEquals(Instant.parse(expected), first);
    assertEquals(Instant.parse(following), s.next(first));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* * * *|'* * * *' is not a cron expression: it needs 5 fields (minute hour day-of-month month day-of-week), e.g. '0 2 * * *'",
        "61 * * * *|minute field: minute 61 is outside 0-59",
        "0 24 * * *|hour field: hour 24 is outside 0-23",
        "0 0 0 * *|day of month field: day of month 0 is outside 1-31",
        "0 0 * 13 *|month field: month 13 is outside 1-12",
        "0 0 * * 8|day of week field: day of week 8 is outside 0-7",
        "0 0 * * FUN|day of week field: 'FUN' is not a number or a name like MON",
        "x * * * *|minute field: 'x' is not a number",
        "*/0 * * * *|minute field: step 0 is outside 1-60",
        "10-5 * * * *|minute range '10-5' runs backwards",
        "0 0 30 2 *|'0 0 30 2 *' never matches a date"
      })
  void refusesBadExpressionsWithTheFieldNamed(String expression, String message) {
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class,
                () -> CronSchedule.parse(expression, ZoneOffset.UTC))
            .getMessage());
  }

  @org.junit.jupiter.api.Test
  void describesItselfWithTheZone() {
    assertEquals(
        "cron '0 2 * * *' (UTC)", CronSchedule.parse("0 2 * * *", ZoneOffset.UTC).describe());
    assertEquals(
        "cron '@daily' (Europe/Paris)",
        CronSchedule.parse("@daily", ZoneId.of("Europe/Paris")).describe());
  }
}
