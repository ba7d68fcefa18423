package dev.batoncf.server;

import com.google.gson.JsonObject;
import com.google.protobuf.Struct;
import dev.batoncf.action.ActionArgumentException;
import dev.batoncf.action.ActionException;
import dev.batoncf.action.ActionRegistry;
import dev.batoncf.action.PreparedAction;
import dev.batoncf.action.Structs;
import dev.batoncf.action.UnknownActionException;
import dev.batoncf.action.WriteRefusedException;
import dev.batoncf.c1z.Ksuid;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.pb.connector.v2.ActionServiceGrpc;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import dev.batoncf.pb.connector.v2.BatonActionStatus;
import dev.batoncf.pb.connector.v2.GetActionSchemaRequest;
import dev.batoncf.pb.connector.v2.GetActionSchemaResponse;
import dev.batoncf.pb.connector.v2.GetActionStatusRequest;
import dev.batoncf.pb.connector.v2.GetActionStatusResponse;
import dev.batoncf.pb.connector.v2.InvokeActionRequest;
import dev.batoncf.pb.connector.v2.InvokeActionResponse;
import dev.batoncf.pb.connector.v2.ListActionSchemasRequest;
import dev.batoncf.pb.connector.v2.ListActionSchemasResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's {@code c1.connector.v2.ActionService} over the {@link ActionRegistry}, with Baton's
 * semantics (baton-protocol.md §3.4):
 *
 * <ul>
 *   <li>InvokeAction checks the arguments and the provisioning gate synchronously: a bad argument
 *       is {@code INVALID_ARGUMENT}, a write without provisioning {@code FAILED_PRECONDITION}, an
 *       unknown name {@code NOT_FOUND}, and nothing is sent.
 *   <li>An accepted action gets a KSUID id and runs on a small pool; the call waits up to {@code
 *       inline_wait} (default 1 s like Baton, capped at 1 h) and answers COMPLETE or FAILED with
 *       the response, or RUNNING with the id to poll.
 *   <li>A Cloudflare failure is status FAILED with {@code {"error": "…"}} in the response (the RPC
 *       itself succeeds), as Baton's action manager does.
 *   <li>GetActionStatus answers from the {@value #MAX_KEPT} most recent actions; older settled ones
 *       are forgotten first.
 * </ul>
 */
public final class ActionServiceImpl extends ActionServiceGrpc.ActionServiceImplBase
    implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ActionServiceImpl.class);

  static final Duration DEFAULT_INLINE_WAIT = Duration.ofSeconds(1);
  static final Duration MAX_INLINE_WAIT = Duration.ofHours(1);
  static final int MAX_KEPT = 1000;
  static final String ERROR = "error";
  private static final int THREADS = 4;
  private static final int QUEUED = 100;

  private final ActionRegistry registry;
  private final SecurityClient client;
  private final boolean provisioning;
  private final ExecutorService executor;
  private final boolean ownsExecutor;

  /** Insertion order = start order; guarded by {@code this}. */
  private final Map<String, Outstanding> recent = new LinkedHashMap<>();

  private record Outstanding(String id, String name, CompletableFuture<JsonObject> result) {}

  /** With its own bounded pool ({@value #THREADS} threads, {@value #QUEUED} queued); close it. */
  public ActionServiceImpl(ActionRegistry registry, SecurityClient client, boolean provisioning) {
    this(registry, client, provisioning, defaultExecutor(), true);
  }

  /** With a caller-owned executor, which {@link #close()} leaves running. */
  public ActionServiceImpl(
      ActionRegistry registry,
      SecurityClient client,
      boolean provisioning,
      ExecutorService executor) {
    this(registry, client, provisioning, executor, false);
  }

  private ActionServiceImpl(
      ActionRegistry registry,
      SecurityClient client,
      boolean provisioning,
      ExecutorService executor,
      boolean ownsExecutor) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.client = Objects.requireNonNull(client, "client");
    this.provisioning = provisioning;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.ownsExecutor = ownsExecutor;
  }

  @Override
  public void listActionSchemas(
      ListActionSchemasRequest req, StreamObserver<ListActionSchemasResponse> out) {
    ListActionSchemasResponse.Builder b = ListActionSchemasResponse.newBuilder();
    if (req.getResourceTypeId().isEmpty()) { // every action here is global, none per type
      b.addAllSchemas(registry.schemas());
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void getActionSchema(
      GetActionSchemaRequest req, StreamObserver<GetActionSchemaResponse> out) {
    BatonActionSchema schema = registry.schema(req.getName()).orElse(null);
    if (schema == null) {
      out.onError(
          Status.NOT_FOUND
              .withDescription("no action named '" + req.getName() + "'")
              .asRuntimeException());
      return;
    }
    out.onNext(GetActionSchemaResponse.newBuilder().setSchema(schema).build());
    out.onCompleted();
  }

  @Override
  public void invokeAction(InvokeActionRequest req, StreamObserver<InvokeActionResponse> out) {
    if (!req.getResourceTypeId().isEmpty()) {
      out.onError(
          Status.NOT_FOUND
              .withDescription(
                  "no action is scoped to resource type '"
                      + req.getResourceTypeId()
                      + "': this connector's actions are global")
              .asRuntimeException());
      return;
    }
    if (req.getInlineWait().getSeconds() < 0 || req.getInlineWait().getNanos() < 0) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("inline_wait must not be negative")
              .asRuntimeException());
      return;
    }
    PreparedAction prepared;
    try {
      prepared = registry.prepare(req.getName(), Structs.toJson(req.getArgs()), provisioning);
    } catch (ActionException e) {
      out.onError(status(e).withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    String id = Ksuid.next();
    CompletableFuture<JsonObject> result;
    try {
      result = CompletableFuture.supplyAsync(() -> prepared.run(client), executor);
    } catch (RejectedExecutionException e) {
      out.onError(
          Status.UNAVAILABLE
              .withDescription("too many actions in progress; retry later")
              .asRuntimeException());
      return;
    }
    remember(new Outstanding(id, prepared.name(), result));
    awaitQuietly(result, inlineWait(req));
    Settled s = settled(result);
    InvokeActionResponse.Builder b =
        InvokeActionResponse.newBuilder().setId(id).setName(prepared.name()).setStatus(s.status());
    if (s.response() != null) {
      b.setResponse(s.response());
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  @Override
  public void getActionStatus(
      GetActionStatusRequest req, StreamObserver<GetActionStatusResponse> out) {
    if (req.getId().isEmpty()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("id is required").asRuntimeException());
      return;
    }
    Outstanding o;
    synchronized (this) {
      o = recent.get(req.getId());
    }
    if (o == null) {
      out.onError(
          Status.NOT_FOUND
              .withDescription("no recent action has id '" + req.getId() + "'")
              .asRuntimeException());
      return;
    }
    Settled s = settled(o.result());
    GetActionStatusResponse.Builder b =
        GetActionStatusResponse.newBuilder().setId(o.id()).setName(o.name()).setStatus(s.status());
    if (s.response() != null) {
      b.setResponse(s.response());
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  /** Stops the pool this service created (not a caller's); running actions are interrupted. */
  @Override
  public void close() {
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  // ---- helpers

  private record Settled(BatonActionStatus status, Struct response) {}

  private static Settled settled(CompletableFuture<JsonObject> f) {
    if (!f.isDone()) {
      return new Settled(BatonActionStatus.BATON_ACTION_STATUS_RUNNING, null);
    }
    try {
      return new Settled(
          BatonActionStatus.BATON_ACTION_STATUS_COMPLETE, Structs.toStruct(f.join()));
    } catch (CompletionException e) {
      JsonObject error = new JsonObject();
      error.addProperty(ERROR, describe(e.getCause()));
      return new Settled(BatonActionStatus.BATON_ACTION_STATUS_FAILED, Structs.toStruct(error));
    }
  }

  /** Cloudflare failures are written for users; anything else is named, not detailed. */
  private static String describe(Throwable t) {
    if (t instanceof CloudflareException) {
      return t.getMessage();
    }
    log.warn("action failed unexpectedly", t);
    return "unexpected " + (t == null ? "failure" : t.getClass().getSimpleName());
  }

  private static void awaitQuietly(CompletableFuture<JsonObject> f, Duration wait) {
    try {
      f.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // still running, or failed: settled() reads which
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration inlineWait(InvokeActionRequest req) {
    if (!req.hasInlineWait()) {
      return DEFAULT_INLINE_WAIT;
    }
    Duration d =
        Duration.ofSeconds(req.getInlineWait().getSeconds(), req.getInlineWait().getNanos());
    if (d.isZero()) {
      return DEFAULT_INLINE_WAIT;
    }
    return d.compareTo(MAX_INLINE_WAIT) > 0 ? MAX_INLINE_WAIT : d;
  }

  private static Status status(ActionException e) {
    if (e instanceof ActionArgumentException) {
      return Status.INVALID_ARGUMENT;
    }
    if (e instanceof WriteRefusedException) {
      return Status.FAILED_PRECONDITION;
    }
    if (e instanceof UnknownActionException) {
      return Status.NOT_FOUND;
    }
    return Status.INTERNAL;
  }

  /** Keeps the newest {@value #MAX_KEPT}; evicts the oldest settled ones first. */
  private synchronized void remember(Outstanding o) {
    recent.put(o.id(), o);
    Iterator<Outstanding> oldestFirst = recent.values().iterator();
    while (recent.size() > MAX_KEPT && oldestFirst.hasNext()) {
      if (oldestFirst.next().result().isDone()) {
        oldestFirst.remove();
      }
    }
  }

  private static ExecutorService defaultExecutor() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUED),
            r -> {
              Thread t = new Thread(r, "baton-action-" + n.incrementAndGet());
              t.setDaemon(true); // an unclosed service must not keep the JVM alive
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
