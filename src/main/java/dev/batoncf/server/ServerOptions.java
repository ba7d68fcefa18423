package dev.batoncf.server;

import dev.batoncf.cloudflare.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the server behaves, apart from where it listens and its TLS.
 *
 * @param provisioning serve Grant/Revoke/CreateAccount/DeleteResourceV2 (the -p flag)
 * @param bearerToken required on every call but health, or null for none
 * @param maxInboundBytes largest request message accepted
 * @param defaultDeadline deadline of a call that brings none
 * @param syncDeadline the same for the streamed full sync, which takes longer
 * @param shutdownGrace how long in-flight calls may finish after SIGTERM
 * @param callLimits calls of each class running at once (beyond: RESOURCE_EXHAUSTED)
 * @param snapshots per-sync snapshots kept at most (on disk, under {@code tempDir})
 * @param snapshotIdleTtl a snapshot without requests for this long is dropped
 * @param tempDir where the streamed full sync builds its file and the snapshots keep their
 *     databases; null for the JVM's
 * @param streamChunkBytes size of the full sync's file chunks (at most 1 MiB, as Baton's uploads)
 */
public record ServerOptions(
    boolean provisioning,
    Secret bearerToken,
    int maxInboundBytes,
    Duration defaultDeadline,
    Duration syncDeadline,
    Duration shutdownGrace,
    CallLimits callLimits,
    int snapshots,
    Duration snapshotIdleTtl,
    Path tempDir,
    int streamChunkBytes) {
  public static final int DEFAULT_MAX_INBOUND_BYTES = 4 * 1024 * 1024;
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);
  public static final Duration DEFAULT_SYNC_DEADLINE = Duration.ofHours(2);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final int DEFAULT_SNAPSHOTS = 4;
  public static final Duration DEFAULT_SNAPSHOT_IDLE_TTL = Duration.ofMinutes(30);
  public static final int MAX_STREAM_CHUNK_BYTES = 1024 * 1024;

  public ServerOptions {
    if (streamChunkBytes < 1 || streamChunkBytes > MAX_STREAM_CHUNK_BYTES) {
      throw new IllegalArgumentException("stream chunks must be 1 byte to 1 MiB");
    }
  }

  public static ServerOptions defaults() {
    return new ServerOptions(
        false,
        null,
        DEFAULT_MAX_INBOUND_BYTES,
        DEFAULT_DEADLINE,
        DEFAULT_SYNC_DEADLINE,
        DEFAULT_SHUTDOWN_GRACE,
        CallLimits.DEFAULTS,
        DEFAULT_SNAPSHOTS,
        DEFAULT_SNAPSHOT_IDLE_TTL,
        null,
        MAX_STREAM_CHUNK_BYTES);
  }

  public ServerOptions withProvisioning(boolean on) {
    return new ServerOptions(
        on,
        bearerToken,
        maxInboundBytes,
        defaultDeadline,
        syncDeadline,
        shutdownGrace,
        callLimits,
        snapshots,
        snapshotIdleTtl,
        tempDir,
        streamChunkBytes);
  }

  public ServerOptions withBearerToken(Secret token) {
    return new ServerOptions(
        provisioning,
        token,
        maxInboundBytes,
        defaultDeadline,
        syncDeadline,
        shutdownGrace,
        callLimits,
        snapshots,
        snapshotIdleTtl,
        tempDir,
        streamChunkBytes);
  }

  public ServerOptions withDeadlines(Duration unary, Duration sync) {
    return new ServerOptions(
        provisioning,
        bearerToken,
        maxInboundBytes,
        unary,
        sync,
        shutdownGrace,
        callLimits,
        snapshots,
        snapshotIdleTtl,
        tempDir,
        streamChunkBytes);
  }

  public ServerOptions withShutdownGrace(Duration grace) {
    return new ServerOptions(
        provisioning,
        bearerToken,
        maxInboundBytes,
        defaultDeadline,
        syncDeadline,
        grace,
        callLimits,
        snapshots,
        snapshotIdleTtl,
        tempDir,
        streamChunkBytes);
  }

  public ServerOptions withMaxInboundBytes(int bytes) {
    return new ServerOptions(
        provisioning,
        bearerToken,
        bytes,
        defaultDeadline,
        syncDeadline,
        shutdownGrace,
        callLimits,
        snapshots,
        snapshotIdleTtl,
        tempDir,
        streamChunkBytes);
  }

  public ServerOptions withTempDir(Path dir) {
    return new ServerOptions(
        provisioning,
        bearerToken,
        maxInboundBytes,
        defaultDeadline,
        syncDeadline,
        shutdownGrace,
        callLimits,
        snapshots,
        snapshotIdleTtl,
        dir,
        streamChunkBytes);
  }

  public ServerOptions withStreamChunkBytes(int bytes) {
    return new ServerOptions(
        provisioning,
        bearerToken,
        maxInboundBytes,
        defaultDeadline,
        syncDeadline,
        shutdownGrace,
        callLimits,
        snapshots,
        snapshotIdleTtl,
        tempDir,
        bytes);
  }

  public ServerOptions withCallLimits(CallLimits limits) {
    return new ServerOptions(
        provisioning,
        bearerToken,
        maxInboundBytes,
        defaultDeadline,
        syncDeadline,
        shutdownGrace,
        limits,
        snapshots,
        snapshotIdleTtl,
        tempDir,
        streamChunkBytes);
  }

  public ServerOptions withSnapshots(int capacity, Duration idleTtl) {
    return new ServerOptions(
        provisioning,
        bearerToken,
        maxInboundBytes,
        defaultDeadline,
        syncDeadline,
        shutdownGrace,
        callLimits,
        capacity,
        idleTtl,
        tempDir,
        streamChunkBytes);
  }

  @Override
  public String toString() {
    return "ServerOptions[provisioning="
        + provisioning
        + ", bearerToken="
        + (bearerToken == null ? "none" : "****")
        + ", maxInboundBytes="
        + maxInboundBytes
        + ", defaultDeadline="
        + defaultDeadline
        + ", syncDeadline="
        + syncDeadline
        + ", callLimits="
        + callLimits
        + ", snapshots="
        + snapshots
        + "]";
  }
}
