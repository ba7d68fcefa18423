package dev.batoncf.service;

import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceFinishTaskRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGetTaskRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGetTaskResponse;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGrpc;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHeartbeatRequest;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHeartbeatResponse;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHelloRequest;
import io.grpc.CallCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@code c1.connectorapi.baton.v1.BatonService}: one TLS channel to the host,
 * the access token on every call, our host id in every request, a deadline on every unary call.
 */
final class BatonHost implements AutoCloseable {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final HostPort address;
  private final String hostId;
  private final ManagedChannel channel;
  private final BatonServiceGrpc.BatonServiceBlockingStub blocking;
  private final AssetUpload uploads;

  BatonHost(
      HostPort address,
      HostTrust trust,
      CallCredentials credentials,
      String userAgent,
      String hostId) {
    this.address = address;
    this.hostId = hostId;
    this.channel =
        Grpc.newChannelBuilderForAddress(
                address.host(),
                address.port(),
                TlsChannelCredentials.newBuilder().trustManager(trust.managers()).build())
            .userAgent(userAgent)
            .build();
    this.blocking = BatonServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    this.uploads =
        new AssetUpload(BatonServiceGrpc.newStub(channel).withCallCredentials(credentials), hostId);
  }

  HostPort address() {
    return address;
  }

  String hostId() {
    return hostId;
  }

  void hello(BatonServiceHelloRequest.Builder req) {
    stub().hello(req.setHostId(hostId).build());
  }

  BatonServiceGetTaskResponse getTask() {
    return stub().getTask(BatonServiceGetTaskRequest.newBuilder().setHostId(hostId).build());
  }

  BatonServiceHeartbeatResponse heartbeat(String taskId) {
    return stub()
        .heartbeat(
            BatonServiceHeartbeatRequest.newBuilder().setHostId(hostId).setTaskId(taskId).build());
  }

  void finishTask(BatonServiceFinishTaskRequest.Builder req) {
    stub().finishTask(req.setHostId(hostId).build());
  }

  AssetUpload uploads() {
    return uploads;
  }

  /** After a failure: try connecting again right away on the next call, not on gRPC's schedule. */
  void resetConnectBackoff() {
    channel.resetConnectBackoff();
  }

  private BatonServiceGrpc.BatonServiceBlockingStub stub() {
    return blocking.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** "UNAVAILABLE: <description>", on one line, for log lines and errors. */
  static String describe(StatusRuntimeException e) {
    String d = e.getStatus().getDescription();
    Throwable cause = e.getStatus().getCause();
    if (cause != null && cause.getMessage() != null) {
      // gRPC says "io exception"; the cause says what happened (connection refused, TLS, ...)
      d = d == null ? cause.getMessage() : d + " (" + cause.getMessage() + ")";
    }
    String s = e.getStatus().getCode() + (d == null ? "" : ": " + d);
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
