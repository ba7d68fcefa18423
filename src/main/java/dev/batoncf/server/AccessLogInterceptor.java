package dev.batoncf.server;

import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per call when it ends, as key=value pairs: method, status code, duration, peer address.
 * Outermost, so refused and timed-out calls are logged too. It never logs metadata (which carries
 * the bearer token), messages or status descriptions.
 */
final class AccessLogInterceptor implements ServerInterceptor {
  static final String LOGGER = "dev.batoncf.server.access";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getFullMethodName();
    SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    AtomicBoolean logged = new AtomicBoolean();
    ServerCall<Q, R> logging =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            if (logged.compareAndSet(false, true)) {
              log.info(
                  "rpc method={} code={} ms={} peer={}",
                  method,
                  status.getCode(),
                  (System.nanoTime() - start) / 1_000_000,
                  peer == null ? "-" : peer);
            }
            super.close(status, trailers);
          }
        };
    return next.startCall(logging, headers);
  }
}
