package dev.batoncf.sync;

import dev.batoncf.c1z.C1zWriter;
import dev.batoncf.c1z.Counts;
import dev.batoncf.connector.CloudflareConnector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One full sync into a c1z file: the single entry point the CLI, the gRPC server, the daemon and
 * service mode share. Rows go through the writer thread; the target is replaced atomically only
 * when the sync succeeds, so any failure leaves the previous file as it was.
 */
public final class FileSync {
  private final CloudflareConnector connector;
  private final Path tempDir;

  /** @param tempDir where the working database goes; null for the JVM's temp directory */
  public FileSync(CloudflareConnector connector, Path tempDir) {
    this.connector = Objects.requireNonNull(connector);
    this.tempDir = tempDir;
  }

  /** What one sync produced: the engine's figures and the rows the file holds. */
  public record Result(SyncResult sync, Counts counts) {}

  /** Syncs into {@code target}; storage failures surface as {@link IOException}. */
  public Result run(Path target, Progress progress) throws IOException {
    try (C1zWriter writer = C1zWriter.create(target, tempDir);
         C1zSyncStore c1z = new C1zSyncStore(writer);
         AsyncSyncStore store = new AsyncSyncStore(c1z)) {
      SyncResult result = new SyncEngine(progress).run(connector, store, c1z.syncId());
      return new Result(result, writer.counts());
    }
  }
}
