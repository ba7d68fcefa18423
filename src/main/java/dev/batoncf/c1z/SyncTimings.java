package dev.batoncf.c1z;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a sync spent its time, for the {@code step_durations_ms} and {@code connector_call_stats}
 * of the cached stats (Baton lifts the same maps from its syncer's state at the end of a sync).
 * Keys are free-form in Baton; wait buckets use Baton's names ({@code rate_limit_wait}, {@code
 * retry_wait}), the writer adds {@code grant-expansion}.
 *
 * @param stepDurationsMs milliseconds per step
 * @param callStats upstream calls per operation
 */
public record SyncTimings(Map<String, Long> stepDurationsMs, Map<String, CallStat> callStats) {

  /**
   * Baton's {@code reader.v2.CallStat} (errors and timeouts are left at 0, as Baton does for
   * connectors).
   */
  public record CallStat(long count, long totalMs, long maxMs) {}

  public SyncTimings {
    stepDurationsMs = Collections.unmodifiableMap(new TreeMap<>(stepDurationsMs));
    callStats = Collections.unmodifiableMap(new TreeMap<>(callStats));
  }

  public static SyncTimings none() {
    return new SyncTimings(Map.of(), Map.of());
  }

  /** A copy with one more step (replacing a step of the same name). */
  SyncTimings withStep(String step, long millis) {
    Map<String, Long> steps = new TreeMap<>(stepDurationsMs);
    steps.put(step, millis);
    return new SyncTimings(steps, callStats);
  }
}
