package dev.batoncf.service;

import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.Progress;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code sync_full} task: the CLI's full sync ({@link FileSync}) into a c1z in a private
 * temporary directory, uploaded with UploadAsset, then deleted whatever happened. The file is
 * always a v1 (SQLite) c1z, also when the task asks for {@code pebble}: Baton's readers choose
 * the format by the file's magic bytes. A cancelled task stops at the sync's next page.
 *
 * <p>Task options the engine cannot honour yet (targeted resources, a resource-type subset,
 * skipping entitlements or grants) are refused with a non-retryable error naming the option,
 * rather than answered with a full sync the host did not ask for. {@code skip_expand_grants}
 * needs nothing: the connector never expands grants itself, the host does.
 */
final class SyncTask {
  private static final Logger log = LoggerFactory.getLogger(SyncTask.class);

  private final CloudflareConnector connector;
  private final Path tempDir;
  private final BatonHost host;
  private final Failures failures = new Failures();

  /** @param tempDir where the per-task directories go; null for the JVM's temp directory */
  SyncTask(CloudflareConnector connector, Path tempDir, BatonHost host) {
    this.connector = connector;
    this.tempDir = tempDir;
    this.host = host;
  }

  TaskOutcome run(Task task, Cancellation cancel) {
    Task.SyncFullTask t = task.getSyncFull();
    List<String> unsupported = unsupported(t);
    if (!unsupported.isEmpty()) {
      return Failures.unsupported("sync_full with " + String.join(", ", unsupported)
          + " is not supported yet: baton-cloudflare syncs the whole account");
    }
    if (t.getStorageEngine().equals("pebble")) {
      log.info("task {}: storage_engine pebble asked; writing a v1 (SQLite) c1z, which Baton "
          + "reads by its magic bytes", task.getId());
    }
    Path dir = null;
    try {
      dir = tempDir == null ? Files.createTempDirectory("baton-cloudflare-task-")
          : Files.createTempDirectory(tempDir, "baton-cloudflare-task-");
      Path file = dir.resolve("sync.c1z");
      long started = System.nanoTime();
      FileSync.Result synced = new FileSync(connector, dir).withManagedShutdown()
          .run(file, stopWhen(cancel));
      cancel.throwIfCancelled();
      AssetUpload.Sent sent = host.uploads().upload(task.getId(), file, cancel.context());
      log.info("task {}: synced {} rows (sync {}) and uploaded {} bytes in {} chunks "
              + "({} attempt(s)) in {} ms", task.getId(), synced.counts().total(),
          synced.sync().syncId(), sent.bytes(), sent.chunks(), sent.attempts(),
          (System.nanoTime() - started) / 1_000_000);
      return new TaskOutcome.Success(null, List.of());
    } catch (Cancellation.Cancelled e) {
      return Failures.cancelled(e.getMessage());
    } catch (StatusRuntimeException e) {
      return cancel.cancelled() ? Failures.cancelled(cancel.reason()) : failures.of(e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Failures.cancelled("interrupted");
    } catch (IOException e) {
      return failures.of(new UncheckedIOException("could not write the sync file: "
          + e.getMessage(), e), null);
    } catch (RuntimeException e) {
      return cancel.cancelled() ? Failures.cancelled(cancel.reason()) : failures.of(e, null);
    } finally {
      deleteTree(dir);
    }
  }

  static List<String> unsupported(Task.SyncFullTask t) {
    List<String> flags = new ArrayList<>();
    if (t.getTargetedSyncResourcesCount() > 0) {
      flags.add("targeted_sync_resources");
    }
    if (t.getSyncResourceTypeIdsCount() > 0) {
      flags.add("sync_resource_type_ids");
    }
    if (t.getSkipEntitlementsAndGrants()) {
      flags.add("skip_entitlements_and_grants");
    }
    if (t.getSkipGrants()) {
      flags.add("skip_grants");
    }
    return flags;
  }

  /** The engine reports every page; a cancelled task stops there. */
  private static Progress stopWhen(Cancellation cancel) {
    return new Progress() {
      @Override
      public void pageFetched(String feed, int page, int items, boolean last) {
        cancel.throwIfCancelled();
      }
    };
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("could not delete the temporary sync directory {}: {}", dir, e.getMessage());
    }
  }
}
