package dev.batoncf.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Durations;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceFinishTaskRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceFinishTaskResponse;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGetTaskRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGetTaskResponse;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGrpc;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHeartbeatRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHeartbeatResponse;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHelloRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHelloResponse;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceUploadAssetRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceUploadAssetResponse;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A governance host speaking Baton's {@code BatonService} (our proto, Baton's field numbers) over
 * TLS on 127.0.0.1. Tests queue tasks and read back what the connector sent: Hellos, heartbeats,
 * FinishTask requests, uploads (with their chunk sizes) and the authorization header of every call,
 * which must carry a live token from the {@link FakeTokenEndpoint}.
 */
final class FakeBatonHost implements AutoCloseable {
  /** One call as it arrived. */
  record Call(String method, String authorization, boolean authorized, String userAgent) {}

  /** One UploadAsset stream. */
  record Upload(
      String hostId,
      String taskId,
      List<Integer> chunkSizes,
      byte[] data,
      byte[] sha256,
      boolean complete,
      long startedNanos,
      long endedNanos) {}

  private final Server server;
  private final FakeTokenEndpoint tokens;
  private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<BatonServiceHelloRequest> hellos = new CopyOnWriteArrayList<>();
  private final List<BatonServiceHeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
  private final List<BatonServiceFinishTaskRequest> finishes = new CopyOnWriteArrayList<>();
  private final List<Upload> uploads = new CopyOnWriteArrayList<>();
  private final List<BatonServiceGetTaskRequest> polls = new CopyOnWriteArrayList<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> taskTaken = new ConcurrentHashMap<>();
  private final Map<String, Long> taskFinished = new ConcurrentHashMap<>();
  private final AtomicInteger failUploads = new AtomicInteger();
  private volatile Status refuseWith;
  private volatile Duration nextPoll = Duration.ofMillis(50);
  private volatile Duration nextHeartbeat = Duration.ofSeconds(1);

  private FakeBatonHost(ServicePki pki, FakeTokenEndpoint tokens, int port) throws IOException {
    this.tokens = tokens;
    this.server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", port),
                TlsServerCredentials.create(
                    pki.certs.serverCert.toFile(), pki.certs.serverKey.toFile()))
            .addService(ServerInterceptors.intercept(new Service(), new Recorder()))
            .build()
            .start();
  }

  static FakeBatonHost start(ServicePki pki, FakeTokenEndpoint tokens) {
    return start(pki, tokens, 0);
  }

  static FakeBatonHost start(ServicePki pki, FakeTokenEndpoint tokens, int port) {
    try {
      return new FakeBatonHost(pki, tokens, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  void enqueue(Task task) {
    queue.add(task);
  }

  void nextPoll(Duration d) {
    nextPoll = d;
  }

  void nextHeartbeat(Duration d) {
    nextHeartbeat = d;
  }

  /** The next heartbeat of this task answers {@code cancelled: true}. */
  void cancel(String taskId) {
    cancelled.add(taskId);
  }

  /** The next {@code n} uploads fail with UNAVAILABLE after their first data chunk. */
  void failUploads(int n) {
    failUploads.set(n);
  }

  /** Every call is answered with this status from now on (a revoked client); null undoes it. */
  void refuse(Status status) {
    refuseWith = status;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<BatonServiceHelloRequest> hellos() {
    return List.copyOf(hellos);
  }

  List<BatonServiceHeartbeatRequest> heartbeats() {
    return List.copyOf(heartbeats);
  }

  long heartbeatsOf(String taskId) {
    return heartbeats.stream().filter(b -> b.getTaskId().equals(taskId)).count();
  }

  List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  List<BatonServiceGetTaskRequest> polls() {
    return List.copyOf(polls);
  }

  /** When GetTask handed this task out (System.nanoTime), or null. */
  Long taken(String taskId) {
    return taskTaken.get(taskId);
  }

  /** When its FinishTask arrived (System.nanoTime), or null. */
  Long finished(String taskId) {
    return taskFinished.get(taskId);
  }

  /** Waits for the FinishTask of a task. */
  BatonServiceFinishTaskRequest awaitFinish(String taskId, Duration timeout) {
    return await(
        () -> finishes.stream().filter(f -> f.getTaskId().equals(taskId)).findFirst().orElse(null),
        timeout,
        "FinishTask of " + taskId);
  }

  List<BatonServiceFinishTaskRequest> finishes() {
    return List.copyOf(finishes);
  }

  /** Waits until {@code condition} holds for the recorded state. */
  void awaitTrue(Predicate<FakeBatonHost> condition, Duration timeout, String what) {
    await(() -> condition.test(this) ? Boolean.TRUE : null, timeout, what);
  }

  private static <T> T await(java.util.function.Supplier<T> probe, Duration timeout, String what) {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records every call's authorization and refuses calls without a live token. */
  private final class Recorder implements ServerInterceptor {
    private final Metadata.Key<String> auth =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private final Metadata.Key<String> agent =
        Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      String header = headers.get(auth);
      boolean ok = tokens.valid(header);
      calls.add(
          new Call(call.getMethodDescriptor().getBareMethodName(), header, ok, headers.get(agent)));
      Status refuse = refuseWith;
      if (refuse != null || !ok) {
        call.close(
            refuse != null
                ? refuse
                : Status.UNAUTHENTICATED.withDescription("no valid access token"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }

  private final class Service extends BatonServiceGrpc.BatonServiceImplBase {
    @Override
    public void hello(BatonServiceHelloRequest req, StreamObserver<BatonServiceHelloResponse> out) {
      hellos.add(req);
      out.onNext(BatonServiceHelloResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void getTask(
        BatonServiceGetTaskRequest req, StreamObserver<BatonServiceGetTaskResponse> out) {
      polls.add(req);
      BatonServiceGetTaskResponse.Builder r =
          BatonServiceGetTaskResponse.newBuilder()
              .setNextPoll(Durations.fromNanos(nextPoll.toNanos()))
              .setNextHeartbeat(Durations.fromNanos(nextHeartbeat.toNanos()));
      Task t = queue.poll();
      if (t != null) {
        taskTaken.put(t.getId(), System.nanoTime());
        r.setTask(t);
      } else {
        r.setTask(Task.newBuilder().setNone(Task.NoneTask.getDefaultInstance()));
      }
      out.onNext(r.build());
      out.onCompleted();
    }

    @Override
    public void heartbeat(
        BatonServiceHeartbeatRequest req, StreamObserver<BatonServiceHeartbeatResponse> out) {
      heartbeats.add(req);
      out.onNext(
          BatonServiceHeartbeatResponse.newBuilder()
              .setNextHeartbeat(Durations.fromNanos(nextHeartbeat.toNanos()))
              .setCancelled(cancelled.contains(req.getTaskId()))
              .build());
      out.onCompleted();
    }

    @Override
    public void finishTask(
        BatonServiceFinishTaskRequest req, StreamObserver<BatonServiceFinishTaskResponse> out) {
      taskFinished.putIfAbsent(req.getTaskId(), System.nanoTime());
      finishes.add(req);
      out.onNext(BatonServiceFinishTaskResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public StreamObserver<BatonServiceUploadAssetRequest> uploadAsset(
        StreamObserver<BatonServiceUploadAssetResponse> out) {
      boolean fail = failUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      return new StreamObserver<>() {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private final List<Integer> sizes = new ArrayList<>();
        private final long started = System.nanoTime();
        private BatonServiceUploadAssetRequest.UploadMetadata meta;
        private boolean ended;

        @Override
        public void onNext(BatonServiceUploadAssetRequest m) {
          if (ended) {
            return;
          }
          switch (m.getMsgCase()) {
            case METADATA -> meta = m.getMetadata();
            case DATA -> {
              ByteString b = m.getData().getData();
              sizes.add(b.size());
              data.writeBytes(b.toByteArray());
              if (fail) {
                ended = true;
                record(null);
                out.onError(
                    Status.UNAVAILABLE.withDescription("upload store hiccup").asRuntimeException());
              }
            }
            case EOF -> {
              ended = true;
              byte[] got = sha256(data.toByteArray());
              byte[] sent = m.getEof().getSha256Checksum().toByteArray();
              record(sent);
              if (!MessageDigest.isEqual(got, sent)) {
                out.onError(
                    Status.INVALID_ARGUMENT
                        .withDescription("checksum mismatch")
                        .asRuntimeException());
              } else {
                out.onNext(BatonServiceUploadAssetResponse.getDefaultInstance());
                out.onCompleted();
              }
            }
            default -> {}
          }
        }

        private void record(byte[] sha) {
          uploads.add(
              new Upload(
                  meta == null ? null : meta.getHostId(),
                  meta == null ? null : meta.getTaskId(),
                  List.copyOf(sizes),
                  data.toByteArray(),
                  sha,
                  sha != null,
                  started,
                  System.nanoTime()));
        }

        @Override
        public void onError(Throwable t) {
          // the client gave up; what arrived is not an upload
        }

        @Override
        public void onCompleted() {
          // answered at EOF
        }
      };
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
