package dev.batoncf.service;

import com.google.protobuf.ByteString;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGrpc;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceUploadAssetRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceUploadAssetRequest.UploadData;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceUploadAssetRequest.UploadEOF;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceUploadAssetRequest.UploadMetadata;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceUploadAssetResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BatonService/UploadAsset as Baton's SDK sends it: one metadata message (host and task id), the
 * file in 512 KiB data messages, then EOF with the SHA-256 of everything sent. The file is read
 * once per attempt, as fast as the stream accepts it (flow control, so memory stays at one chunk).
 * Up to three attempts, waiting 0 s and then 1 s between them, as the SDK does.
 */
final class AssetUpload {
  private static final Logger log = LoggerFactory.getLogger(AssetUpload.class);
  static final int CHUNK_BYTES = 512 * 1024;
  static final int ATTEMPTS = 3;
  private static final Duration DEADLINE = Duration.ofHours(1);

  private final BatonServiceGrpc.BatonServiceStub stub;
  private final String hostId;

  AssetUpload(BatonServiceGrpc.BatonServiceStub stub, String hostId) {
    this.stub = stub;
    this.hostId = hostId;
  }

  /** What the host acknowledged. */
  record Sent(long bytes, int chunks, int attempts) {}

  /**
   * Uploads {@code file} for {@code taskId}; the call runs in {@code context}, so cancelling it
   * (the host cancelled the task, or shutdown) stops the upload.
   */
  Sent upload(String taskId, Path file, Context context) throws InterruptedException {
    StatusRuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Sent s = attempt(taskId, file, context);
        return new Sent(s.bytes(), s.chunks(), attempt);
      } catch (StatusRuntimeException e) {
        last = e;
        if (context.isCancelled()) {
          throw e;
        }
        log.warn(
            "upload of task {} failed (attempt {} of {}): {}",
            taskId,
            attempt,
            ATTEMPTS,
            BatonHost.describe(e));
        if (attempt < ATTEMPTS) {
          Thread.sleep(TimeUnit.SECONDS.toMillis(attempt - 1));
        }
      }
    }
    throw last;
  }

  private Sent attempt(String taskId, Path file, Context context) throws InterruptedException {
    Stream s = new Stream();
    // The stream belongs to the task's context: cancelling the task cancels the upload.
    Context previous = context.attach();
    StreamObserver<BatonServiceUploadAssetRequest> out;
    try {
      out = stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).uploadAsset(s);
    } finally {
      context.detach(previous);
    }
    MessageDigest sha = sha256();
    long bytes = 0;
    int chunks = 0;
    try (InputStream in = Files.newInputStream(file)) {
      s.send(
          out,
          BatonServiceUploadAssetRequest.newBuilder()
              .setMetadata(UploadMetadata.newBuilder().setHostId(hostId).setTaskId(taskId))
              .build());
      byte[] buf = new byte[CHUNK_BYTES];
      int n;
      while ((n = in.readNBytes(buf, 0, CHUNK_BYTES)) > 0) {
        sha.update(buf, 0, n);
        s.send(
            out,
            BatonServiceUploadAssetRequest.newBuilder()
                .setData(UploadData.newBuilder().setData(ByteString.copyFrom(buf, 0, n)))
                .build());
        bytes += n;
        chunks++;
      }
      s.send(
          out,
          BatonServiceUploadAssetRequest.newBuilder()
              .setEof(UploadEOF.newBuilder().setSha256Checksum(ByteString.copyFrom(sha.digest())))
              .build());
      out.onCompleted();
    } catch (IOException e) {
      out.onError(
          Status.CANCELLED.withDescription("could not read the sync file").asRuntimeException());
      throw new UncheckedIOException("could not read the sync file for upload", e);
    }
    s.await();
    return new Sent(bytes, chunks, 1);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** One client stream: sends only when the transport is ready, and waits for the answer. */
  private static final class Stream
      implements ClientResponseObserver<
          BatonServiceUploadAssetRequest, BatonServiceUploadAssetResponse> {
    private final CompletableFuture<BatonServiceUploadAssetResponse> done =
        new CompletableFuture<>();
    private final Object ready = new Object();
    private volatile ClientCallStreamObserver<BatonServiceUploadAssetRequest> requests;
    private BatonServiceUploadAssetResponse response;

    @Override
    public void beforeStart(ClientCallStreamObserver<BatonServiceUploadAssetRequest> r) {
      requests = r;
      r.setOnReadyHandler(this::wake);
    }

    void send(
        StreamObserver<BatonServiceUploadAssetRequest> out, BatonServiceUploadAssetRequest msg)
        throws InterruptedException {
      synchronized (ready) {
        while (!requests.isReady() && !done.isDone()) {
          ready.wait(100);
        }
      }
      if (done.isDone()) {
        await(); // the call ended early: report how
        throw Status.INTERNAL
            .withDescription("the host ended the upload before it was complete")
            .asRuntimeException();
      }
      out.onNext(msg);
    }

    void await() throws InterruptedException {
      try {
        done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof StatusRuntimeException s
            ? s
            : Status.fromThrowable(e.getCause()).asRuntimeException();
      } catch (TimeoutException e) {
        throw Status.DEADLINE_EXCEEDED
            .withDescription("the upload got no answer")
            .asRuntimeException();
      }
    }

    private void wake() {
      synchronized (ready) {
        ready.notifyAll();
      }
    }

    @Override
    public void onNext(BatonServiceUploadAssetResponse value) {
      response = value;
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
      wake();
    }

    @Override
    public void onCompleted() {
      done.complete(response);
      wake();
    }
  }
}
