package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {

  private static final RateBudget BUDGET = new RateBudget(100, Duration.ofSeconds(10));
  private static final int PER_SECOND = 15;

  /** Fails if more than {@code max} of the (sorted) times lie within any window of length w. */
  private static void assertNeverMoreThan(int max, Duration w, List<Instant> sortedTimes) {
    for (int i = 0; i + max < sortedTimes.size(); i++) {
      Duration span = Duration.between(sortedTimes.get(i), sortedTimes.get(i + max));
      if (span.compareTo(w) < 0) {
        fail((max + 1) + " sends within " + span + " (< " + w + ") starting at index " + i);
      }
    }
  }

  @Test
  void tenThousandAcquiresNeverExceedEitherWindowAndWaitOnlyWhenNeeded() throws Exception {
    FakeTime time = new FakeTime();
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(BUDGET, PER_SECOND, time, time);
    Random random = new Random(42);
    List<Instant> sends = new ArrayList<>();
    long waits = 0;
    Duration waited = Duration.ZERO;
    for (int i = 0; i < 10_000; i++) {
      // Irregular arrivals: bursts (0 ms) mixed with pauses up to 400 ms.
      time.advance(Duration.ofMillis(random.nextInt(5) == 0 ? random.nextInt(400) : 0));
      Instant arrival = time.instant();
      Duration w = limiter.acquire();
      Instant sent = time.instant();
      assertEquals(Duration.between(arrival, sent), w, "returned wait = time actually waited");

      // The exact earliest moment this send was allowed, computed independently.
      Instant earliest = arrival;
      if (sends.size() >= BUDGET.requests()) {
        earliest = max(earliest, sends.get(sends.size() - BUDGET.requests()).plus(BUDGET.window()));
      }
      if (sends.size() >= PER_SECOND) {
        earliest = max(earliest, sends.get(sends.size() - PER_SECOND).plusSeconds(1));
      }
      assertEquals(earliest, sent, "send " + i + " went at the first allowed moment");
      sends.add(sent);
      if (!w.isZero()) {
        waits++;
        waited = waited.plus(w);
      }
    }
    assertNeverMoreThan(BUDGET.requests(), BUDGET.window(), sends);
    assertNeverMoreThan(PER_SECOND, Duration.ofSeconds(1), sends);
    RateLimiter.Stats stats = limiter.stats();
    assertEquals(10_000, stats.acquired());
    assertEquals(waits, stats.delayed());
    assertEquals(waited, stats.totalWait());
    assertTrue(waits > 0 && waits < 10_000, "some acquires waited, some did not: " + waits);
    // The budget binds: 10,000 sends at 100 per 10 s need at least 99 full windows.
    assertTrue(
        Duration.between(sends.get(0), sends.get(9_999)).compareTo(Duration.ofSeconds(990)) >= 0);
  }

  @Test
  void perSecondCapWaitsExactlyUntilTheOldestSendLeavesTheWindow() throws Exception {
    FakeTime time = new FakeTime();
    SlidingWindowRateLimiter limiter =
        new SlidingWindowRateLimiter(new RateBudget(1000, Duration.ofMinutes(5)), 3, time, time);
    assertEquals(Duration.ZERO, limiter.acquire());
    time.advance(Duration.ofMillis(200));
    assertEquals(Duration.ZERO, limiter.acquire());
    assertEquals(Duration.ZERO, limiter.acquire());
    // 3 sends at t=0, 0.2, 0.2; the 4th may go at t=1.0 (0.8 s from now) and no sooner.
    assertEquals(Duration.ofMillis(800), limiter.acquire());
    // Now sends at 0.2, 0.2, 1.0 are in the window: the next may go at 1.2.
    assertEquals(Duration.ofMillis(200), limiter.acquire());
    assertEquals(List.of(Duration.ofMillis(800), Duration.ofMillis(200)), time.sleeps());
    time.advance(Duration.ofSeconds(5));
    assertEquals(Duration.ZERO, limiter.acquire(), "idle long enough: no wait");
  }

  @Test
  void pauseUntilBlocksEveryCallerUntilThePauseEnds() throws Exception {
    FakeTime time = new FakeTime();
    SlidingWindowRateLimiter limiter =
        new SlidingWindowRateLimiter(RateBudget.CLOUDFLARE_DEFAULT, 50, time, time);
    Instant until = time.instant().plus(Duration.ofMinutes(5));
    limiter.pauseUntil(until);
    limiter.pauseUntil(until.minusSeconds(60)); // an earlier pause never shortens it

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Instant>> grants = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        grants.add(
            pool.submit(
                () -> {
                  limiter.acquire();
                  return time.lastReadOnThisThread();
                }));
      }
      for (Future<Instant> g : grants) {
        Instant granted = g.get(10, TimeUnit.SECONDS);
        assertFalse(granted.isBefore(until), "granted at " + granted + " before " + until);
      }
    } finally {
      pool.shutdownNow();
    }
    RateLimiter.Stats stats = limiter.stats();
    assertEquals(2, stats.pauses());
    assertEquals(until, stats.pausedUntil());
    assertEquals(List.of(Duration.ofMinutes(5)), time.sleeps(), "one sleeper waited the pause out");
  }

  @Test
  void concurrentCallersShareOneBudget() throws Exception {
    FakeTime time = new FakeTime();
    SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(BUDGET, PER_SECOND, time, time);
    int threads = 8;
    int each = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Instant> sends = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    limiter.acquire();
                    sends.add(time.lastReadOnThisThread()); // exact grant time, see FakeTime
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Instant> sorted = new ArrayList<>(sends);
    Collections.sort(sorted);
    assertEquals(threads * each, sorted.size());
    assertEquals(threads * each, limiter.stats().acquired());
    assertNeverMoreThan(BUDGET.requests(), BUDGET.window(), sorted);
    assertNeverMoreThan(PER_SECOND, Duration.ofSeconds(1), sorted);
    // Not over-throttled either: sends 0..99 go at 15/s (the 100th at 6 s), then every send
    // goes exactly one window after the one 100 before it: 6 s + 39 x 10 s.
    Duration span = Duration.between(sorted.get(0), sorted.get(sorted.size() - 1));
    assertEquals(Duration.ofSeconds(396), span);
  }

  @Test
  void realClockAndSleeperHoldThePerSecondCap() throws Exception {
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.create(new RateBudget(100, Duration.ofMinutes(1)), 4);
    long start = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      limiter.acquire();
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsedMs >= 950, "8 sends at 4/s need about 1 s, took " + elapsedMs + " ms");
    assertTrue(limiter.stats().delayed() >= 1);
  }

  @Test
  void unlimitedNeverWaitsButHonoursPauses() throws Exception {
    FakeTime time = new FakeTime();
    SlidingWindowRateLimiter limiter = SlidingWindowRateLimiter.unlimited(time, time);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(Duration.ZERO, limiter.acquire());
    }
    assertNull(limiter.stats().pausedUntil());
    limiter.pauseUntil(time.instant().plusSeconds(30));
    assertEquals(Duration.ofSeconds(30), limiter.acquire());
    assertEquals(Duration.ZERO, RateLimiter.unlimited().acquire());
  }

  @Test
  void interruptedWhileWaitingLeavesTheLimiterUsable() throws Exception {
    SlidingWindowRateLimiter limiter =
        SlidingWindowRateLimiter.create(new RateBudget(1, Duration.ofHours(1)), 1);
    limiter.acquire();
    Thread t =
        new Thread(
            () -> {
              try {
                limiter.acquire();
                fail("should have been interrupted");
              } catch (InterruptedException expected) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    Thread.sleep(100);
    t.interrupt();
    t.join(5_000);
    assertFalse(t.isAlive());
    assertEquals(1, limiter.stats().acquired());
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
