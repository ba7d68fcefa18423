package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.DeleteResourceV2Request;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Response;
import dev.batoncf.pb.connector.v2.ResourceDeleterServiceGrpc;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.ResourceDeleterService over {@link Provisioner}. */
final class ResourceDeleterServiceImpl
    extends ResourceDeleterServiceGrpc.ResourceDeleterServiceImplBase {
  private final Provisioner provisioner;
  private final Rpc rpc;

  ResourceDeleterServiceImpl(Provisioner provisioner, Rpc rpc) {
    this.provisioner = provisioner;
    this.rpc = rpc;
  }

  @Override
  public void deleteResourceV2(
      DeleteResourceV2Request req, StreamObserver<DeleteResourceV2Response> out) {
    rpc.unary(out, () -> provisioner.delete(req));
  }
}
