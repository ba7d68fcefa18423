package dev.batoncf.server;

import dev.batoncf.cloudflare.Secret;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;
import java.util.Set;

/**
 * Requires {@code authorization: Bearer <token>} on every call except to the services named exempt
 * (the health service, so probes need no secret; it reveals only SERVING or not). The token is
 * compared in constant time and a refused call ends here, before any handler runs and so before any
 * Cloudflare request. The status says what was wrong, never what was sent.
 */
final class BearerAuthInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final String SCHEME = "bearer ";

  private final Secret token;
  private final Set<String> exemptServices;

  BearerAuthInterceptor(Secret token, Set<String> exemptServices) {
    this.token = token;
    this.exemptServices = Set.copyOf(exemptServices);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (exemptServices.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    String header = headers.get(AUTHORIZATION);
    String problem = null;
    if (header == null) {
      problem = "missing bearer token (send 'authorization: Bearer <token>')";
    } else if (header.length() < SCHEME.length()
        || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      problem = "the authorization header is not a bearer token";
    } else if (!token.matches(header.substring(SCHEME.length()).trim())) {
      problem = "invalid bearer token";
    }
    if (problem == null) {
      return next.startCall(call, headers);
    }
    call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
