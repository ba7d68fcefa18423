package dev.batoncf.daemon;

import dev.batoncf.health.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** When syncs are due: a fixed interval or a cron expression. */
public interface Schedule {
  /** The first due time strictly after {@code after}. */
  Instant next(Instant after);

  /** For log lines: "every 6h", "cron '0 2 * * *' (UTC)". */
  String describe();

  static Schedule every(Duration interval) {
    return new Every(interval);
  }

  static Schedule cron(String expression, ZoneId zone) {
    return CronSchedule.parse(expression, zone);
  }

  /** A fixed interval counted from the previous run's start. */
  record Every(Duration interval) implements Schedule {
    public Every {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the interval must be positive");
      }
    }

    @Override
    public Instant next(Instant after) {
      return after.plus(interval);
    }

    @Override
    public String describe() {
      return "every " + DurationText.format(interval);
    }
  }
}
