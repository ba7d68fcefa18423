package dev.batoncf.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Gives a call that arrived without a deadline the server's default one. When it passes, the call
 * is answered DEADLINE_EXCEEDED and its context cancelled (a running sync stops at its next page);
 * whatever the handler sends afterwards is dropped. Calls with their own deadline are left to gRPC,
 * which enforces it.
 */
final class DeadlineInterceptor implements ServerInterceptor {
  private final Function<String, Duration> deadlineForMethod;
  private final ScheduledExecutorService timer;

  /**
   * @param deadlineForMethod full method name to the default deadline
   */
  DeadlineInterceptor(
      Function<String, Duration> deadlineForMethod, ScheduledExecutorService timer) {
    this.deadlineForMethod = deadlineForMethod;
    this.timer = timer;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Context parent = Context.current();
    if (parent.getDeadline() != null) {
      return next.startCall(call, headers);
    }
    Duration d = deadlineForMethod.apply(call.getMethodDescriptor().getFullMethodName());
    Context.CancellableContext ctx =
        parent.withDeadlineAfter(d.toNanos(), TimeUnit.NANOSECONDS, timer);
    GuardedCall<Q, R> guarded = new GuardedCall<>(call);
    ctx.addListener(
        c -> {
          // Also fires when the call ends normally (gRPC cancels its context then): only a passed
          // deadline of our own context answers the call.
          if (c.cancellationCause() instanceof TimeoutException && !parent.isCancelled()) {
            guarded.closeFirst(
                Status.DEADLINE_EXCEEDED.withDescription(
                    "the server's deadline of " + d.toSeconds() + "s for this call passed"));
          }
        },
        Runnable::run);
    return Contexts.interceptCall(ctx, guarded, headers, next);
  }

  /** Serializes the timer's close with the handler's writes; nothing passes once closed. */
  private static final class GuardedCall<Q, R>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private boolean closed;

    GuardedCall(ServerCall<Q, R> call) {
      super(call);
    }

    synchronized void closeFirst(Status status) {
      if (!closed) {
        closed = true;
        super.close(status, new Metadata());
      }
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(R message) {
      if (!closed) {
        super.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }

    @Override
    public synchronized boolean isReady() {
      return !closed && super.isReady();
    }
  }
}
