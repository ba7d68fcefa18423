package dev.batoncf.sync;

import dev.batoncf.c1z.C1zWriter;
import dev.batoncf.c1z.Counts;
import dev.batoncf.c1z.SyncHistory;
import dev.batoncf.connector.CloudflareConnector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * One full sync into a c1z file: the single entry point the CLI, the gRPC server, the daemon and
 * service mode share. Rows go through the writer thread; the target is replaced atomically only
 * when the sync succeeds, so any failure leaves the previous file as it was. The new file keeps the
 * target's last syncs of the same account (Baton's default: one), so one file diffs.
 */
public final class FileSync {
  private final CloudflareConnector connector;
  private final Path tempDir;
  private final int keepPreviousSyncs;
  private final boolean cleanupOnExit;

  /**
   * @param tempDir where the working database goes; null for the JVM's temp directory
   */
  public FileSync(CloudflareConnector connector, Path tempDir) {
    this(connector, tempDir, SyncHistory.DEFAULT_KEEP_PREVIOUS);
  }

  /**
   * @param keepPreviousSyncs earlier syncs of the target to carry over, 0 for none
   */
  public FileSync(CloudflareConnector connector, Path tempDir, int keepPreviousSyncs) {
    this(connector, tempDir, keepPreviousSyncs, true);
  }

  private FileSync(
      CloudflareConnector connector, Path tempDir, int keepPreviousSyncs, boolean cleanupOnExit) {
    this.connector = Objects.requireNonNull(connector);
    this.tempDir = tempDir;
    this.keepPreviousSyncs = keepPreviousSyncs;
    this.cleanupOnExit = cleanupOnExit;
  }

  /**
   * For long-running modes (daemon, service mode, server) that stop a sync themselves on SIGTERM:
   * the sync may finish within their shutdown timeout, so its temp files are not removed by the
   * JVM's exit hook while it still runs (an abandoned sync removes them itself; a killed one is
   * cleaned at the next start).
   */
  public FileSync withManagedShutdown() {
    return new FileSync(connector, tempDir, keepPreviousSyncs, false);
  }

  /**
   * What one sync produced: the engine's figures, the rows the file holds for the new sync, the
   * grants expansion added and the earlier syncs kept in the file (oldest first).
   */
  public record Result(
      SyncResult sync, Counts counts, long expandedGrants, List<String> previousSyncs) {}

  /** Syncs into {@code target}; storage failures surface as {@link IOException}. */
  public Result run(Path target, Progress progress) throws IOException {
    return run(target, progress, SyncScope.ALL);
  }

  /** As {@link #run(Path, Progress)}, writing only what {@code scope} keeps. */
  public Result run(Path target, Progress progress, SyncScope scope) throws IOException {
    SyncHistory history = new SyncHistory(connector.client().accountId(), keepPreviousSyncs);
    try (C1zWriter writer =
            C1zWriter.create(
                target,
                tempDir,
                Clock.systemDefaultZone(),
                history,
                cleanupOnExit,
                scope.syncType());
        C1zSyncStore c1z = new C1zSyncStore(writer);
        AsyncSyncStore store = new AsyncSyncStore(c1z)) {
      SyncResult result = new SyncEngine(progress).run(connector, store, c1z.syncId(), scope);
      return new Result(result, writer.counts(), writer.expandedGrants(), writer.previousSyncs());
    }
  }
}
