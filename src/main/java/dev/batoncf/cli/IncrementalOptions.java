package dev.batoncf.cli;

import dev.batoncf.health.DurationText;
import dev.batoncf.sync.IncrementalSync;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --incremental} and {@code --full-sync-every} of the one-shot sync. */
public final class IncrementalOptions {
  @Option(
      names = "--incremental",
      description =
          "Start from the previous sync in --file and "
              + "re-read only what the audit log says changed (falls back to a full sync, saying why)")
  boolean incremental;

  @Option(
      names = "--full-sync-every",
      paramLabel = "DURATION",
      description =
          "With "
              + "--incremental: run a full sync anyway once the last one began this long ago "
              + "(default 24h; at most 30d, the audit log's reach)")
  String fullSyncEvery;

  /** The period, checked; a bad value is a usage error (exit 2). */
  Duration fullSyncEvery() {
    return parse(fullSyncEvery);
  }

  static Duration parse(String text) {
    if (text == null) {
      return IncrementalSync.DEFAULT_FULL_SYNC_EVERY;
    }
    Duration d;
    try {
      d = DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ErrorReporter.UsageException("--full-sync-every: " + e.getMessage());
    }
    if (d.isZero() || d.compareTo(IncrementalSync.LOG_RETENTION) > 0) {
      throw new ErrorReporter.UsageException(
          "--full-sync-every must be more than 0 and at most "
              + DurationText.format(IncrementalSync.LOG_RETENTION)
              + ", not '"
              + text.trim()
              + "'");
    }
    return d;
  }

  /** {@code --full-sync-every} alone would do nothing: say so instead of ignoring it. */
  void check() {
    if (fullSyncEvery != null && !incremental) {
      throw new ErrorReporter.UsageException("--full-sync-every applies only with --incremental");
    }
    fullSyncEvery();
  }
}
