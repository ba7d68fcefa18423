package dev.batoncf.server;

import com.google.protobuf.ByteString;
import dev.batoncf.pb.cloudflare.v1.FullSyncRequest;
import dev.batoncf.pb.cloudflare.v1.FullSyncResponse;
import dev.batoncf.pb.cloudflare.v1.SyncServiceGrpc;
import dev.batoncf.sync.SyncScope;
import dev.batoncf.sync.TargetIds;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * baton.cloudflare.v1.SyncService: runs a full sync here and streams the c1z back in chunks of at
 * most 1 MiB, sent only as fast as the client reads (gRPC flow control), so a large file is never
 * held in memory. The last message carries the SHA-256, the sync id and the counts.
 */
final class SyncServiceImpl extends SyncServiceGrpc.SyncServiceImplBase {
  private final FullSync fullSync;

  /** The connector's resource types, which a scope is checked against. */
  private final java.util.List<String> typeIds;

  private final GrpcErrors errors;
  private final int chunkBytes;

  SyncServiceImpl(
      FullSync fullSync, GrpcErrors errors, int chunkBytes, java.util.List<String> typeIds) {
    this.typeIds = java.util.List.copyOf(typeIds);
    this.fullSync = fullSync;
    this.errors = errors;
    this.chunkBytes = chunkBytes;
  }

  @Override
  public void fullSync(FullSyncRequest req, StreamObserver<FullSyncResponse> out) {
    ServerCallStreamObserver<FullSyncResponse> call =
        (ServerCallStreamObserver<FullSyncResponse>) out;
    // Handlers must be set before this method returns; the pump starts once the file exists.
    Pump pump = new Pump(call, chunkBytes);
    call.setOnReadyHandler(pump::drain);
    call.setOnCancelHandler(pump::cancel);
    FullSync.Result result;
    SyncScope scope;
    try {
      scope = scope(req);
    } catch (IllegalArgumentException e) {
      call.onError(
          io.grpc.Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    try {
      result = fullSync.run(scope);
    } catch (RuntimeException e) {
      pump.cancel();
      call.onError(errors.toStatus(e));
      return;
    }
    pump.start(result);
  }

  /** The request's scope, checked against the connector's types. */
  private SyncScope scope(FullSyncRequest req) {
    java.util.List<dev.batoncf.pb.connector.v2.ResourceId> targets = new java.util.ArrayList<>();
    for (String r : req.getSyncResourcesList()) {
      targets.add(TargetIds.parse(r));
    }
    return SyncScope.of(
        req.getSyncResourceTypeIdsList(),
        targets,
        req.getSkipEntitlementsAndGrants(),
        req.getSkipGrants(),
        typeIds);
  }

  /** Sends the file while the transport is ready; resumes on each onReady. */
  private static final class Pump {
    private final ServerCallStreamObserver<FullSyncResponse> call;
    private final int chunkBytes;
    private FullSync.Result result;
    private InputStream in;
    private boolean finished;

    Pump(ServerCallStreamObserver<FullSyncResponse> call, int chunkBytes) {
      this.call = call;
      this.chunkBytes = chunkBytes;
    }

    synchronized void start(FullSync.Result r) {
      if (finished) { // cancelled while the sync ran
        FullSync.delete(r.file());
        return;
      }
      result = r;
      try {
        in = Files.newInputStream(r.file());
      } catch (IOException e) {
        fail(e);
        return;
      }
      drain();
    }

    synchronized void drain() {
      if (finished || in == null) {
        return;
      }
      try {
        while (call.isReady()) {
          byte[] chunk = in.readNBytes(chunkBytes);
          if (chunk.length == 0) {
            call.onNext(FullSyncResponse.newBuilder().setDone(result.done()).build());
            call.onCompleted();
            close();
            return;
          }
          call.onNext(FullSyncResponse.newBuilder().setChunk(ByteString.copyFrom(chunk)).build());
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    synchronized void cancel() {
      close();
    }

    private void fail(IOException e) {
      close();
      call.onError(
          Status.INTERNAL
              .withDescription("could not read the sync file: " + e.getMessage())
              .asRuntimeException());
    }

    private void close() {
      finished = true;
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // the file is deleted next anyway
        }
        in = null;
      }
      if (result != null) {
        FullSync.delete(result.file());
      }
    }
  }
}
