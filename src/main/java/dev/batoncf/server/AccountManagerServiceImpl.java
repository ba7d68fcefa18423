package dev.batoncf.server;

import dev.batoncf.pb.connector.v2.AccountManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.CreateAccountRequest;
import dev.batoncf.pb.connector.v2.CreateAccountResponse;
import io.grpc.stub.StreamObserver;

/** c1.connector.v2.AccountManagerService over {@link Provisioner}. */
final class AccountManagerServiceImpl
    extends AccountManagerServiceGrpc.AccountManagerServiceImplBase {
  private final Provisioner provisioner;
  private final Rpc rpc;

  AccountManagerServiceImpl(Provisioner provisioner, Rpc rpc) {
    this.provisioner = provisioner;
    this.rpc = rpc;
  }

  @Override
  public void createAccount(CreateAccountRequest req, StreamObserver<CreateAccountResponse> out) {
    rpc.unary(out, () -> provisioner.createAccount(req));
  }
}
