package dev.batoncf.server;

import dev.batoncf.c1z.Counts;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.files.TempDirs;
import dev.batoncf.pb.cloudflare.v1.FullSyncDone;
import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.Progress;
import dev.batoncf.sync.SyncResult;
import dev.batoncf.sync.SyncScope;
import io.grpc.Context;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The CLI's full sync, run on the server into a temporary c1z for {@code SyncService/FullSync}. The
 * sync stops at the next page when the RPC is cancelled or its deadline passes.
 */
final class FullSync {
  private final CloudflareConnector connector;
  private final Path tempDir;

  FullSync(CloudflareConnector connector, Path tempDir) {
    this.connector = connector;
    this.tempDir = tempDir;
  }

  /** A finished c1z in a private temp directory; the caller deletes it with {@link #delete}. */
  record Result(Path file, FullSyncDone done) {}

  Result run() {
    return run(SyncScope.ALL);
  }

  /** As {@link #run()}, writing only what {@code scope} keeps. */
  Result run(SyncScope scope) {
    Path dir;
    try {
      // named after this process, so a killed server's leftovers are removed on the next start
      dir = TempDirs.create(tempDir, "fullsync");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory for the sync", e);
    }
    Path file = dir.resolve("sync.c1z");
    try {
      FileSync.Result synced =
          new FileSync(connector, dir)
              .withManagedShutdown()
              .run(file, new StopWhenCancelled(), scope);
      SyncResult result = synced.sync();
      Counts counts = synced.counts();
      FullSyncDone done =
          FullSyncDone.newBuilder()
              .setSha256(sha256(file))
              .setSyncId(result.syncId())
              .setSizeBytes(Files.size(file))
              .setResourceTypes(counts.resourceTypes())
              .setResources(counts.resources())
              .setEntitlements(counts.entitlements())
              .setGrants(counts.grants())
              .setCloudflareRequests(result.requests())
              .build();
      return new Result(file, done);
    } catch (IOException e) {
      delete(file);
      throw new UncheckedIOException("could not write the sync file: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      delete(file);
      throw e;
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Removes the file and its private directory (with the directory's lock file). */
  static void delete(Path file) {
    TempDirs.deleteTree(file.getParent());
  }

  /** Checks the RPC's context between pages: a cancelled or expired RPC stops the sync. */
  private static final class StopWhenCancelled implements Progress {
    private final Context context = Context.current();

    @Override
    public void pageFetched(String feed, int page, int items, boolean last) {
      if (context.isCancelled()) {
        throw Status.CANCELLED
            .withDescription("the sync was cancelled by the client or its " + "deadline")
            .asRuntimeException();
      }
    }
  }
}
