package dev.batoncf.cloudflare.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exact sliding-window log: remembers the send times of the last N requests per window (a ring
 * buffer), so "never more than N in any window of length W" holds for every W-long interval, not
 * only for aligned buckets. Two windows are enforced: the budget (default 1,100 per 5 min) and a
 * per-second cap.
 *
 * <p>Callers queue on a fair lock and the head of the queue sleeps until it may go, so requests
 * leave in arrival order. {@link #pauseUntil} and {@link #stats} never take that lock: a 429 seen
 * by one thread extends the pause while another thread is sleeping, and the sleeper re-checks when
 * it wakes.
 */
public final class SlidingWindowRateLimiter implements RateLimiter {

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private final List<Window> windows;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ReentrantLock turn = new ReentrantLock(true);
  private final AtomicLong pausedUntilNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong pauses = new AtomicLong();
  private final AtomicLong acquired = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();
  private final AtomicLong waitedNanos = new AtomicLong();

  public SlidingWindowRateLimiter(
      RateBudget budget, int perSecondCap, Clock clock, Sleeper sleeper) {
    this(windowsFor(Objects.requireNonNull(budget, "budget"), perSecondCap), clock, sleeper);
  }

  private SlidingWindowRateLimiter(List<Window> windows, Clock clock, Sleeper sleeper) {
    this.windows = windows;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Real time: {@link MonotonicClock} and {@link Sleeper#system()}. */
  public static SlidingWindowRateLimiter create(RateBudget budget, int perSecondCap) {
    return new SlidingWindowRateLimiter(
        budget, perSecondCap, MonotonicClock.system(), Sleeper.system());
  }

  /** The budget and per-second cap from {@code settings}, in real time. */
  public static SlidingWindowRateLimiter forSettings(HttpSettings settings) {
    return create(settings.budget(), settings.perSecondCap());
  }

  /** No windows at all: only {@link #pauseUntil} ever makes callers wait. */
  static SlidingWindowRateLimiter unlimited(Clock clock, Sleeper sleeper) {
    return new SlidingWindowRateLimiter(List.of(), clock, sleeper);
  }

  private static List<Window> windowsFor(RateBudget budget, int perSecondCap) {
    if (perSecondCap < 1) {
      throw new IllegalArgumentException("perSecondCap must be at least 1, got " + perSecondCap);
    }
    return List.of(
        new Window(budget.requests(), budget.window()), new Window(perSecondCap, ONE_SECOND));
  }

  @Override
  public Duration acquire() throws InterruptedException {
    long start = nowNanos();
    // tryLock(0, ...) honours fairness, unlike tryLock(): only a caller that had to queue, or
    // sleep, reports a wait (not the nanoseconds of bookkeeping between two clock reads).
    boolean queued = !turn.tryLock(0, TimeUnit.NANOSECONDS);
    if (queued) {
      turn.lockInterruptibly();
    }
    try {
      boolean slept = false;
      while (true) {
        // The clock read that grants the request is also its recorded send time.
        long now = nowNanos();
        long ready = pausedUntilNanos.get();
        for (Window w : windows) {
          ready = Math.max(ready, w.earliestNext());
        }
        if (ready <= now) {
          for (Window w : windows) {
            w.record(now);
          }
          long waited = queued || slept ? Math.max(0, now - start) : 0;
          acquired.incrementAndGet();
          if (waited > 0) {
            delayed.incrementAndGet();
            waitedNanos.addAndGet(waited);
          }
          return Duration.ofNanos(waited);
        }
        // Loop after waking: a pause may have been extended meanwhile.
        sleeper.sleep(Duration.ofNanos(ready - now));
        slept = true;
      }
    } finally {
      turn.unlock();
    }
  }

  @Override
  public void pauseUntil(Instant until) {
    long target = Durations.toNanos(Objects.requireNonNull(until, "until"));
    pauses.incrementAndGet();
    pausedUntilNanos.accumulateAndGet(target, Math::max);
  }

  @Override
  public Stats stats() {
    long paused = pausedUntilNanos.get();
    return new Stats(
        acquired.get(),
        delayed.get(),
        Duration.ofNanos(waitedNanos.get()),
        pauses.get(),
        paused == Long.MIN_VALUE ? null : Durations.fromNanos(paused));
  }

  private long nowNanos() {
    return Durations.toNanos(clock.instant());
  }

  /** The last {@code capacity} send times; touched only by the holder of {@code turn}. */
  private static final class Window {
    private final long[] sends;
    private final long lengthNanos;
    private int next;
    private int size;

    Window(int capacity, Duration length) {
      this.sends = new long[capacity];
      this.lengthNanos = length.toNanos();
    }

    /** A send at t is allowed iff fewer than capacity sends lie in (t - length, t]. */
    long earliestNext() {
      if (size < sends.length) {
        return Long.MIN_VALUE;
      }
      return sends[next] + lengthNanos; // sends[next] is the oldest of the last `capacity`
    }

    void record(long t) {
      sends[next] = t;
      next = (next + 1) % sends.length;
      if (size < sends.length) {
        size++;
      }
    }
  }
}
