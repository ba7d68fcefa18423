package dev.batoncf.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunPlannerTest {
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
  private static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(30));

  private static RunPlanner every(Duration d) {
    return new RunPlanner(Schedule.every(d), Jitter.NONE, BACKOFF);
  }

  @Test
  void firstSyncIsImmediateWithoutAGoodFile() {
    assertEquals(T0, every(Duration.ofHours(6)).first(T0, null));
  }

  @Test
  void aRestartKeepsTheRhythmOfTheLastGoodSync() {
    RunPlanner p = every(Duration.ofHours(6));
    Instant lastGood = T0.minus(Duration.ofHours(2));
    assertEquals(T0.plus(Duration.ofHours(4)), p.first(T0, lastGood));
    // down for longer than an interval: one sync now, not one per missed slot
    assertEquals(T0, p.first(T0, T0.minus(Duration.ofHours(13))));
  }

  @Test
  void slotsMissedWhileASyncRanAreSkippedNotQueued() {
    RunPlanner p = every(Duration.ofMinutes(10));
    assertEquals(
        T0.plus(Duration.ofMinutes(10)), p.afterSuccess(T0, T0.plus(Duration.ofMinutes(3))));
    // a 25-minute sync: the slots at +10 and +20 passed; the next is +30
    assertEquals(
        T0.plus(Duration.ofMinutes(30)), p.afterSuccess(T0, T0.plus(Duration.ofMinutes(25))));
    // exactly on a slot: that slot has passed too
    assertEquals(
        T0.plus(Duration.ofMinutes(30)), p.afterSuccess(T0, T0.plus(Duration.ofMinutes(20))));
  }

  @Test
  void cronSlotsAfterALongSyncAlsoSkip() {
    RunPlanner p =
        new RunPlanner(Schedule.cron("*/15 * * * *", ZoneOffset.UTC), Jitter.NONE, BACKOFF);
    assertEquals(
        Instant.parse("2025-01-15T10:45:00Z"),
        p.afterSuccess(T0, Instant.parse("2025-01-15T10:31:00Z")));
  }

  @Test
  void failuresBackOffDoublingUpToTheCapButNeverPastTheNextSlot() {
    RunPlanner p = every(Duration.ofHours(6));
    Instant end = T0.plusSeconds(10);
    List<Duration> waits = new ArrayList<>();
    for (int n = 1; n <= 8; n++) {
      waits.add(Duration.between(end, p.afterFailure(T0, end, n)));
    }
    assertEquals(
        List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(8),
            Duration.ofMinutes(16),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(30)),
        waits);
    // the regular slot comes first when it is sooner than the backoff
    RunPlanner often = every(Duration.ofMinutes(5));
    assertEquals(T0.plus(Duration.ofMinutes(5)), often.afterFailure(T0, end, 4));
  }

  @Test
  void retriesAreNeverSoonerThanTheFloor() {
    // a 1-minute interval and a sync that failed at 0:59.5: the slot at 1:00 is too close
    RunPlanner p =
        new RunPlanner(
            Schedule.every(Duration.ofMinutes(1)),
            Jitter.NONE,
            new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5)));
    Instant end = T0.plusMillis(59_500);
    assertEquals(end.plusSeconds(30), p.afterFailure(T0, end, 1));
  }

  @Test
  void jitterIsBoundedAndDeterministicWithASeed() {
    Jitter a = Jitter.parse("0.1", new Random(42));
    Jitter b = Jitter.parse("0.1", new Random(42));
    RunPlanner pa = new RunPlanner(Schedule.every(Duration.ofHours(1)), a, BACKOFF);
    RunPlanner pb = new RunPlanner(Schedule.every(Duration.ofHours(1)), b, BACKOFF);
    for (int i = 0; i < 50; i++) {
      Instant x = pa.afterSuccess(T0, T0.plusSeconds(1));
      assertEquals(x, pb.afterSuccess(T0, T0.plusSeconds(1)), "same seed, same delays");
      Duration extra = Duration.between(T0.plus(Duration.ofHours(1)), x);
      assertTrue(
          !extra.isNegative() && extra.compareTo(Duration.ofMinutes(6)) < 0,
          "within 10% of the hour: " + extra);
    }
    assertEquals(
        Duration.ofMillis((long) (new Random(7).nextDouble() * 300_000)),
        Jitter.parse("5m", new Random(7)).delay(Duration.ofHours(6)));
    assertEquals(Duration.ZERO, Jitter.parse("0", new Random(7)).delay(Duration.ofHours(6)));
  }

  @Test
  void badJitterAndBackoffAreRefused() {
    assertEquals(
        "a jitter fraction must be below 1, not 1.5",
        assertThrows(IllegalArgumentException.class, () -> Jitter.parse("1.5", new Random()))
            .getMessage());
    assertEquals(
        "'-0.1' is negative",
        assertThrows(IllegalArgumentException.class, () -> Jitter.parse("-0.1", new Random()))
            .getMessage());
    assertEquals(
        "'lots' is neither a fraction (0.1) nor a duration (5m)",
        assertThrows(IllegalArgumentException.class, () -> Jitter.parse("lots", new Random()))
            .getMessage());
    assertEquals(
        "--retry-backoff must be at least 1s",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Backoff(Duration.ofMillis(500), Duration.ofMinutes(1)))
            .getMessage());
    assertEquals(
        "--retry-backoff-max must not be below --retry-backoff",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
            .getMessage());
  }
}
