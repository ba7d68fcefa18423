package dev.batoncf.server;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded concurrency per {@link CallClass}, each class on its own threads.
 *
 * <p>gRPC asks the {@link ServerCallExecutorSupplier} for a call's executor before any of the call
 * runs (on the quick pool, which only ever runs short work): that is where a permit of the call's
 * class is taken. An admitted slow call moves to its class's pool; a refused one stays on the quick
 * pool, where the interceptor answers RESOURCE_EXHAUSTED at once, so an over-full class costs its
 * callers a round trip, never a wait, and never delays the quick class. The permit goes back as the
 * call is closed (before its status leaves, so a client that starts its next call on the answer
 * always finds the permit free), or when the call ends otherwise (cancelled by the client). A
 * handler still waiting on Cloudflare after its deadline closed the call keeps its thread for a
 * while: the slow pools have twice their bound in threads.
 *
 * <p>Register as the executor supplier and as an interceptor; builders that do not support call
 * executors still get the bound, checked in the interceptor.
 */
final class CallAdmission implements ServerCallExecutorSupplier, ServerInterceptor, AutoCloseable {
  /** Threads of the quick pool: its calls are short, and the pool also dispatches every call. */
  static final int QUICK_THREADS = 8;

  private final CallLimits limits;
  private final Map<CallClass, Semaphore> permits = new EnumMap<>(CallClass.class);
  private final Map<CallClass, ExecutorService> pools = new EnumMap<>(CallClass.class);

  /** Decisions of the supplier for the interceptor, by the call's own headers object. */
  private final Map<Metadata, Boolean> admitted =
      Collections.synchronizedMap(new IdentityHashMap<>());

  CallAdmission(CallLimits limits) {
    this.limits = limits;
    for (CallClass c : CallClass.values()) {
      permits.put(c, new Semaphore(limits.of(c)));
      int threads = c == CallClass.QUICK ? QUICK_THREADS : 2 * limits.of(c);
      pools.put(c, Executors.newFixedThreadPool(threads, threads("grpc-" + c.flag())));
    }
  }

  /** The server's default executor: gRPC runs method lookup there, and the quick calls. */
  Executor quickExecutor() {
    return pools.get(CallClass.QUICK);
  }

  @Override
  public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
    CallClass c = CallClass.of(call.getMethodDescriptor().getFullMethodName());
    boolean ok = permits.get(c).tryAcquire();
    admitted.put(headers, ok);
    return ok && c != CallClass.QUICK ? pools.get(c) : null;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    CallClass c = CallClass.of(call.getMethodDescriptor().getFullMethodName());
    Boolean decided = admitted.remove(headers);
    boolean ok = decided != null ? decided : permits.get(c).tryAcquire();
    if (!ok) {
      call.close(
          Status.RESOURCE_EXHAUSTED.withDescription(
              "the server is already running its "
                  + "limit of "
                  + limits.of(c)
                  + " "
                  + c.flag()
                  + " calls; retry later"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Permit permit = new Permit(permits.get(c));
    ServerCall<Q, R> releasing =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            permit.release();
            super.close(status, trailers);
          }
        };
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(releasing, headers);
    } catch (RuntimeException | Error e) {
      permit.release();
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        permit.release();
        super.onCancel();
      }

      @Override
      public void onComplete() {
        permit.release();
        super.onComplete();
      }
    };
  }

  /** Calls of a class running now (for tests and operations). */
  int running(CallClass c) {
    return limits.of(c) - permits.get(c).availablePermits();
  }

  @Override
  public void close() {
    pools.values().forEach(ExecutorService::shutdownNow);
  }

  /** One permit, given back once whichever way the call ends. */
  private static final class Permit {
    private final Semaphore semaphore;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(Semaphore semaphore) {
      this.semaphore = semaphore;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        semaphore.release();
      }
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
  }
}
