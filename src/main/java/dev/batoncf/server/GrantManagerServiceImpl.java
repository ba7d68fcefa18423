package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantResponse;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.GrantManagerService over {@link Provisioner}. */
final class GrantManagerServiceImpl extends GrantManagerServiceGrpc.GrantManagerServiceImplBase {
  private final Provisioner provisioner;
  private final Rpc rpc;

  GrantManagerServiceImpl(Provisioner provisioner, Rpc rpc) {
    this.provisioner = provisioner;
    this.rpc = rpc;
  }

  @Override
  public void grant(
      GrantManagerServiceGrantRequest req, StreamObserver<GrantManagerServiceGrantResponse> out) {
    rpc.unary(out, () -> provisioner.grant(req));
  }

  @Override
  public void revoke(
      GrantManagerServiceRevokeRequest req, StreamObserver<GrantManagerServiceRevokeResponse> out) {
    rpc.unary(out, () -> provisioner.revoke(req));
  }
}
