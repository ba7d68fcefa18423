package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.ResourceGetterServiceGetResourceRequest;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGetResourceResponse;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGrpc;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.ResourceGetterService over {@link HostSync} (answers from snapshots). */
final class ResourceGetterServiceImpl
    extends ResourceGetterServiceGrpc.ResourceGetterServiceImplBase {
  private final HostSync sync;
  private final Rpc rpc;

  ResourceGetterServiceImpl(HostSync sync, Rpc rpc) {
    this.sync = sync;
    this.rpc = rpc;
  }

  @Override
  public void getResource(
      ResourceGetterServiceGetResourceRequest req,
      StreamObserver<ResourceGetterServiceGetResourceResponse> out) {
    rpc.unary(out, () -> sync.getResource(req));
  }
}
