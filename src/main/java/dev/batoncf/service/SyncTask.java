package dev.batoncf.service;

import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.Progress;
import dev.batoncf.sync.SyncScope;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code sync_full} task: the CLI's full sync ({@link FileSync}) into a c1z in a private
 * temporary directory, uploaded with UploadAsset, then deleted whatever happened. The file is
 * always a v1 (SQLite) c1z, also when the task asks for {@code pebble}: Baton's readers choose the
 * format by the file's magic bytes. A cancelled task stops at the sync's next page.
 *
 * <p>The task's scope (targeted resources, a resource-type subset, skipping entitlements or grants)
 * becomes a {@link SyncScope}, as Baton's syncer reads the same fields; a scope naming an unknown
 * type, or skip_grants without targets, is a malformed task. {@code skip_expand_grants} needs
 * nothing: the connector never expands grants itself, the host does.
 */
final class SyncTask {
  private static final Logger log = LoggerFactory.getLogger(SyncTask.class);

  private final CloudflareConnector connector;
  private final Path tempDir;
  private final BatonHost host;
  private final Failures failures = new Failures();

  /**
   * @param tempDir where the per-task directories go; null for the JVM's temp directory
   */
  SyncTask(CloudflareConnector connector, Path tempDir, BatonHost host) {
    this.connector = connector;
    this.tempDir = tempDir;
    this.host = host;
  }

  TaskOutcome run(Task task, Cancellation cancel) {
    Task.SyncFullTask t = task.getSyncFull();
    SyncScope scope;
    try {
      scope = scope(t, connector.resourceTypes());
    } catch (IllegalArgumentException e) {
      return Failures.malformed("sync_full: " + e.getMessage());
    }
    if (!scope.everything()) {
      log.info(
          "task {}: scoped sync ({}), sync type {}",
          task.getId(),
          scope.describe(),
          scope.syncType());
    }
    if (t.getStorageEngine().equals("pebble")) {
      log.info(
          "task {}: storage_engine pebble asked; writing a v1 (SQLite) c1z, which Baton "
              + "reads by its magic bytes",
          task.getId());
    }
    Path dir = null;
    try {
      dir =
          tempDir == null
              ? Files.createTempDirectory("baton-cloudflare-task-")
              : Files.createTempDirectory(tempDir, "baton-cloudflare-task-");
      Path file = dir.resolve("sync.c1z");
      long started = System.nanoTime();
      FileSync.Result synced =
          new FileSync(connector, dir).withManagedShutdown().run(file, stopWhen(cancel), scope);
      cancel.throwIfCancelled();
      AssetUpload.Sent sent = host.uploads().upload(task.getId(), file, cancel.context());
      log.info(
          "task {}: synced {} rows (sync {}) and uploaded {} bytes in {} chunks "
              + "({} attempt(s)) in {} ms",
          task.getId(),
          synced.counts().total(),
          synced.sync().syncId(),
          sent.bytes(),
          sent.chunks(),
          sent.attempts(),
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
      return failures.of(
          new UncheckedIOException("could not write the sync file: " + e.getMessage(), e), null);
    } catch (RuntimeException e) {
      return cancel.cancelled() ? Failures.cancelled(cancel.reason()) : failures.of(e, null);
    } finally {
      deleteTree(dir);
    }
  }

  /** The task's scope fields (Baton's numbers 3 to 6 of {@code SyncFullTask}). */
  static SyncScope scope(Task.SyncFullTask t, List<ResourceType> types) {
    List<ResourceId> targets =
        t.getTargetedSyncResourcesList().stream().map(Resource::getId).toList();
    return SyncScope.of(
        t.getSyncResourceTypeIdsList(),
        targets,
        t.getSkipEntitlementsAndGrants(),
        t.getSkipGrants(),
        types.stream().map(ResourceType::getId).toList());
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
