package dev.batoncf.server;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs a unary handler and answers with its response, or with its failure mapped to a status. */
final class Rpc {
  private final GrpcErrors errors;

  Rpc(GrpcErrors errors) {
    this.errors = errors;
  }

  <T> void unary(StreamObserver<T> out, Supplier<T> handler) {
    T response;
    try {
      response = handler.get();
    } catch (RuntimeException e) {
      out.onError(errors.toStatus(e));
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }
}
