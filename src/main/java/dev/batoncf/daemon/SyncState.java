package dev.batoncf.daemon;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scheduler knows, for health and metrics: written by the scheduler thread, read by the
 * health server's threads. Every accessor returns a consistent snapshot.
 */
public final class SyncState {
  private SyncRecord last;
  private SyncRecord lastSuccess;
  private SyncFile newestGood;
  private Instant inProgressSince;
  private Instant nextRunAt;
  private long syncs;
  private long failures;
  private int consecutiveFailures;
  private boolean running;
  private boolean stopping;
  private final Map<String, Long> stepFailures = new TreeMap<>();

  /** A consistent copy of everything. */
  public record Snapshot(
      SyncRecord last,
      SyncRecord lastSuccess,
      SyncFile newestGood,
      Instant inProgressSince,
      Instant nextRunAt,
      long syncs,
      long failures,
      int consecutiveFailures,
      boolean running,
      boolean stopping,
      Map<String, Long> stepFailures) {}

  public synchronized Snapshot snapshot() {
    return new Snapshot(
        last,
        lastSuccess,
        newestGood,
        inProgressSince,
        nextRunAt,
        syncs,
        failures,
        consecutiveFailures,
        running,
        stopping,
        Map.copyOf(stepFailures));
  }

  synchronized void started(SyncFile existingNewest, Iterable<String> steps) {
    newestGood = existingNewest;
    running = true;
    steps.forEach(s -> stepFailures.putIfAbsent(s, 0L));
  }

  synchronized void syncStarted(Instant at) {
    inProgressSince = at;
  }

  synchronized void succeeded(SyncRecord r, SyncFile file) {
    syncs++;
    consecutiveFailures = 0;
    last = r;
    lastSuccess = r;
    newestGood = file;
    inProgressSince = null;
  }

  synchronized int failed(SyncRecord r) {
    syncs++;
    failures++;
    consecutiveFailures++;
    last = r;
    inProgressSince = null;
    return consecutiveFailures;
  }

  /** An abandoned sync (shutdown) is neither: it is simply not recorded. */
  synchronized void abandoned() {
    inProgressSince = null;
  }

  synchronized void stepFailed(String step) {
    stepFailures.merge(step, 1L, Long::sum);
  }

  synchronized void nextRunAt(Instant at) {
    nextRunAt = at;
  }

  synchronized void stopping() {
    stopping = true;
  }

  synchronized void stopped() {
    running = false;
    nextRunAt = null;
  }
}
