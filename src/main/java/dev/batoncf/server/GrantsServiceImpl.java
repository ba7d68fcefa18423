package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.GrantsServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsRequest;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.GrantsService over {@link HostSync}. */
final class GrantsServiceImpl extends GrantsServiceGrpc.GrantsServiceImplBase {
  private final HostSync sync;
  private final Rpc rpc;

  GrantsServiceImpl(HostSync sync, Rpc rpc) {
    this.sync = sync;
    this.rpc = rpc;
  }

  @Override
  public void listGrants(
      GrantsServiceListGrantsRequest req, StreamObserver<GrantsServiceListGrantsResponse> out) {
    rpc.unary(out, () -> sync.listGrants(req));
  }
}
