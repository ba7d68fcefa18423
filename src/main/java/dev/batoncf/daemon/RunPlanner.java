package dev.batoncf.daemon;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next sync starts; pure, so every rule is tested without waiting. Due times come from the
 * schedule plus jitter; a run whose slot passed while a sync was still going is skipped (syncs
 * never overlap or queue up); after a failure the retry comes after the backoff, or at the next
 * regular slot if that is sooner, but never sooner than the backoff's floor.
 */
public final class RunPlanner {
  private final Schedule schedule;
  private final Jitter jitter;
  private final Backoff backoff;

  public RunPlanner(Schedule schedule, Jitter jitter, Backoff backoff) {
    this.schedule = schedule;
    this.jitter = jitter;
    this.backoff = backoff;
  }

  public Schedule schedule() {
    return schedule;
  }

  /**
   * At startup: right away when there is no good sync yet or its next slot has passed while the
   * daemon was down; else that slot, so a restart keeps the rhythm of the previous process.
   */
  public Instant first(Instant now, Instant lastGoodStart) {
    if (lastGoodStart == null) {
      return now;
    }
    Instant due = jittered(schedule.next(lastGoodStart));
    return due.isAfter(now) ? due : now;
  }

  /** After a good sync that ran from {@code started} to {@code finished}. */
  public Instant afterSuccess(Instant started, Instant finished) {
    return jittered(nextSlot(started, finished));
  }

  /** After the {@code failures}-th failure in a row. */
  public Instant afterFailure(Instant started, Instant finished, int failures) {
    Instant retry = finished.plus(backoff.delay(failures));
    Instant regular = jittered(nextSlot(started, finished));
    Instant due = regular.isBefore(retry) ? regular : retry;
    Instant floor = finished.plus(backoff.floor());
    return due.isBefore(floor) ? floor : due;
  }

  /** The first slot after {@code started} that is not already past at {@code finished}. */
  private Instant nextSlot(Instant started, Instant finished) {
    Instant slot = schedule.next(started);
    if (slot.isAfter(finished)) {
      return slot;
    }
    if (schedule instanceof Schedule.Every every) {
      long missed = Duration.between(slot, finished).toMillis() / every.interval().toMillis() + 1;
      return slot.plus(every.interval().multipliedBy(missed));
    }
    return schedule.next(finished);
  }

  private Instant jittered(Instant slot) {
    return slot.plus(jitter.delay(Duration.between(slot, schedule.next(slot))));
  }
}
