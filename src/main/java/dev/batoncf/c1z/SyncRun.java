package dev.batoncf.c1z;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One row of {@code v1_sync_runs}. Times are local wall-clock times, because that is how Baton
 * stores them (Go layout, no zone).
 *
 * @param syncId the run's KSUID
 * @param startedAt when the run started
 * @param endedAt when it ended; null while unfinished
 * @param syncType {@code full}, {@code partial}, {@code resources_only}, ...
 */
public record SyncRun(
    String syncId, LocalDateTime startedAt, LocalDateTime endedAt, String syncType) {

  public SyncRun {
    Objects.requireNonNull(syncId, "syncId");
    Objects.requireNonNull(syncType, "syncType");
  }

  /** True once the run has an end time; only finished runs are complete snapshots. */
  public boolean finished() {
    return endedAt != null;
  }
}
