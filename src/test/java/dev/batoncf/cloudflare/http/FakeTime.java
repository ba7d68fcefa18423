package dev.batoncf.cloudflare.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when someone sleeps on it (or the test advances it), so 5-minute waits
 * take no real time. Remembers each thread's last reading: the limiter's last read inside {@code
 * acquire()} is the grant time, which lets concurrent tests recover exact send times.
 */
final class FakeTime extends Clock implements Sleeper {
  private final AtomicLong nanos;
  private final ThreadLocal<Long> lastRead = new ThreadLocal<>();
  private final List<Duration> sleeps = new ArrayList<>();

  FakeTime(Instant start) {
    this.nanos = new AtomicLong(Durations.toNanos(start));
  }

  FakeTime() {
    this(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Override
  public Instant instant() {
    long n = nanos.get();
    lastRead.set(n);
    return Durations.fromNanos(n);
  }

  /** What this thread saw on its most recent reading of the clock. */
  Instant lastReadOnThisThread() {
    return Durations.fromNanos(lastRead.get());
  }

  @Override
  public void sleep(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    synchronized (sleeps) {
      sleeps.add(d);
    }
    nanos.addAndGet(d.toNanos());
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }

  /** Runtime with this clock and a fixed jitter (1.0 = the full exponential delay). */
  HttpRuntime runtime(double jitter) {
    return new HttpRuntime(this, this, () -> jitter);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("fake clock is UTC only");
  }
}
