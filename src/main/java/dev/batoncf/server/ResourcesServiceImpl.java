package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.ResourcesService over {@link HostSync}. */
final class ResourcesServiceImpl extends ResourcesServiceGrpc.ResourcesServiceImplBase {
  private final HostSync sync;
  private final Rpc rpc;

  ResourcesServiceImpl(HostSync sync, Rpc rpc) {
    this.sync = sync;
    this.rpc = rpc;
  }

  @Override
  public void listResources(
      ResourcesServiceListResourcesRequest req,
      StreamObserver<ResourcesServiceListResourcesResponse> out) {
    rpc.unary(out, () -> sync.listResources(req));
  }
}
