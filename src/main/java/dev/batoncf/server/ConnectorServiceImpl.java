package dev.batoncf.server;

import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.Metadata;
import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupResponse;
import dev.batoncf.pb.connector.v2.ConnectorServiceGetMetadataRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGetMetadataResponse;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.ConnectorService: metadata, credential check, end of a host's sync. */
final class ConnectorServiceImpl extends ConnectorServiceGrpc.ConnectorServiceImplBase {
  /**
   * The Baton SDK version whose protocol this server follows. Baton's syncer sends active_sync_id
   * only to connectors reporting 0.4.3 or later, and the snapshots are keyed by it.
   */
  static final String SDK_VERSION = "v0.25.0";

  private final CloudflareConnector connector;
  private final SnapshotCache snapshots;
  private final Rpc rpc;

  ConnectorServiceImpl(CloudflareConnector connector, SnapshotCache snapshots, Rpc rpc) {
    this.connector = connector;
    this.snapshots = snapshots;
    this.rpc = rpc;
  }

  @Override
  public void getMetadata(
      ConnectorServiceGetMetadataRequest req,
      StreamObserver<ConnectorServiceGetMetadataResponse> out) {
    rpc.unary(
        out,
        () ->
            ConnectorServiceGetMetadataResponse.newBuilder()
                .setMetadata(Metadata.metadata(connector.resourceTypes()))
                .build());
  }

  /** One Cloudflare request (GET the account); the failure says what to fix. */
  @Override
  public void validate(
      ConnectorServiceValidateRequest req, StreamObserver<ConnectorServiceValidateResponse> out) {
    rpc.unary(
        out,
        () -> {
          connector.validate();
          return ConnectorServiceValidateResponse.newBuilder().setSdkVersion(SDK_VERSION).build();
        });
  }

  /** The host finished its sync: its snapshot (or, without a sync id, the anonymous ones) goes. */
  @Override
  public void cleanup(
      ConnectorServiceCleanupRequest req, StreamObserver<ConnectorServiceCleanupResponse> out) {
    rpc.unary(
        out,
        () -> {
          snapshots.drop(req.getActiveSyncId());
          return ConnectorServiceCleanupResponse.getDefaultInstance();
        });
  }
}
