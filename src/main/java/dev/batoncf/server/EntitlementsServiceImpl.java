package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.EntitlementsServiceGrpc;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsResponse;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.EntitlementsService over {@link HostSync}. */
final class EntitlementsServiceImpl extends EntitlementsServiceGrpc.EntitlementsServiceImplBase {
  private final HostSync sync;
  private final Rpc rpc;

  EntitlementsServiceImpl(HostSync sync, Rpc rpc) {
    this.sync = sync;
    this.rpc = rpc;
  }

  @Override
  public void listEntitlements(
      EntitlementsServiceListEntitlementsRequest req,
      StreamObserver<EntitlementsServiceListEntitlementsResponse> out) {
    rpc.unary(out, () -> sync.listEntitlements(req));
  }

  /** Answered (empty) rather than UNIMPLEMENTED: Baton's syncer aborts on an error here. */
  @Override
  public void listStaticEntitlements(
      EntitlementsServiceListStaticEntitlementsRequest req,
      StreamObserver<EntitlementsServiceListStaticEntitlementsResponse> out) {
    rpc.unary(out, () -> sync.listStaticEntitlements(req));
  }
}
