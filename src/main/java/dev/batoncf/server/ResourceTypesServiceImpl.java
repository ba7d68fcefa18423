package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.ResourceTypesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesRequest;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.ResourceTypesService over {@link HostSync}. */
final class ResourceTypesServiceImpl extends ResourceTypesServiceGrpc.ResourceTypesServiceImplBase {
  private final HostSync sync;
  private final Rpc rpc;

  ResourceTypesServiceImpl(HostSync sync, Rpc rpc) {
    this.sync = sync;
    this.rpc = rpc;
  }

  @Override
  public void listResourceTypes(
      ResourceTypesServiceListResourceTypesRequest req,
      StreamObserver<ResourceTypesServiceListResourceTypesResponse> out) {
    rpc.unary(out, () -> sync.listResourceTypes(req));
  }
}
