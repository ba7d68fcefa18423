package dev.batoncf.cloudflare.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the stack waits. Injected so that tests can use a fake clock that advances when "slept"
 * instead of really waiting out a 5-minute rate-limit lockout.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration} (nothing for zero or negative). */
  void sleep(Duration duration) throws InterruptedException;

  /** Really sleeps the calling thread. */
  static Sleeper system() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
      }
    };
  }
}
