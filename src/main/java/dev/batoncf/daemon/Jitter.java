package dev.batoncf.daemon;

import dev.batoncf.health.DurationText;
import java.time.Duration;
import java.util.Random;

/**
 * A random delay added to each scheduled run so that many daemons started together do not hit
 * Cloudflare at the same second: either up to a fraction of the gap to the following run, or up to
 * a fixed duration. The random source is injected, so tests are deterministic.
 */
public final class Jitter {
  public static final Jitter NONE = new Jitter(0, Duration.ZERO, new Random(0));

  private final double fraction;
  private final Duration fixed;
  private final Random random;

  private Jitter(double fraction, Duration fixed, Random random) {
    this.fraction = fraction;
    this.fixed = fixed;
    this.random = random;
  }

  /**
   * {@code 0.1} (up to 10% of the gap) or a duration ({@code 5m}).
   *
   * @throws IllegalArgumentException for a fraction outside [0, 1) or an unreadable value
   */
  public static Jitter parse(String text, Random random) {
    String t = text == null ? "" : text.trim();
    if (t.matches("\\d*\\.\\d+|0")) {
      double f = Double.parseDouble(t);
      if (f >= 1) {
        throw new IllegalArgumentException("a jitter fraction must be below 1, not " + t);
      }
      return new Jitter(f, Duration.ZERO, random);
    }
    if (t.startsWith("-")) {
      throw new IllegalArgumentException("'" + t + "' is negative");
    }
    try {
      return new Jitter(0, DurationText.parse(t), random);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + t + "' is neither a fraction (0.1) nor a duration" + " (5m)");
    }
  }

  /** A delay in [0, max) where max is the fraction of {@code gap} or the fixed duration. */
  public synchronized Duration delay(Duration gap) {
    long maxMillis = fraction > 0 ? (long) (gap.toMillis() * fraction) : fixed.toMillis();
    if (maxMillis <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) (random.nextDouble() * maxMillis));
  }

  @Override
  public String toString() {
    return fraction > 0
        ? "up to " + fraction + " of the interval"
        : fixed.isZero() ? "none" : "up to " + DurationText.format(fixed);
  }
}
