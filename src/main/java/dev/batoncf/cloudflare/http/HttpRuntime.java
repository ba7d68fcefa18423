package dev.batoncf.cloudflare.http;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What the stack takes from its environment: time, waiting and randomness (backoff jitter).
 * Production uses {@link #system()}; tests pass a fake clock that advances when it sleeps and a
 * fixed jitter so waits can be asserted exactly.
 *
 * @param jitter returns a value in [0, 1]; 0 gives half the exponential delay, 1 the full delay
 */
public record HttpRuntime(Clock clock, Sleeper sleeper, DoubleSupplier jitter) {

  public HttpRuntime {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(jitter, "jitter");
  }

  public static HttpRuntime system() {
    return new HttpRuntime(
        MonotonicClock.system(), Sleeper.system(), () -> ThreadLocalRandom.current().nextDouble());
  }
}
