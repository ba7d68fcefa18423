package dev.batoncf.service;

import io.grpc.Context;
import java.util.concurrent.Callable;

/**
 * Stops one task: the host cancelled it (heartbeat), its heartbeats kept failing, or the process is
 * shutting down. The sync checks it between pages; calls made through {@link #call} are cancelled
 * at once.
 */
final class Cancellation {
  private final Context.CancellableContext context = Context.ROOT.withCancellation();
  private volatile String reason;

  void cancel(String why) {
    synchronized (this) {
      if (reason == null) {
        reason = why;
      }
    }
    context.cancel(null);
  }

  boolean cancelled() {
    return reason != null;
  }

  String reason() {
    return reason;
  }

  void throwIfCancelled() {
    String why = reason;
    if (why != null) {
      throw new Cancelled(why);
    }
  }

  Context context() {
    return context;
  }

  /** Runs a call (a gRPC stub call) that the cancellation interrupts. */
  <T> T call(Callable<T> call) {
    try {
      return context.call(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Thrown where a cancelled task stops. */
  static final class Cancelled extends RuntimeException {
    Cancelled(String reason) {
      super(reason);
    }
  }
}
