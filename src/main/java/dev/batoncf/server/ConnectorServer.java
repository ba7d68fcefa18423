package dev.batoncf.server;

import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.pb.cloudflare.v1.SyncServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server: Baton's c1.connector.v2 services, our streamed full sync, health and reflection,
 * on whatever {@link ServerBuilder} it is given (Netty with TLS from {@link ServerSecurity} in
 * production; the tests use the same on a loopback port). Every call passes the access log, then
 * admission (bounded concurrency per {@link CallClass}, each class on its own threads), then the
 * bearer check when a token is configured, then the default deadline. Host walks page out of
 * on-disk snapshots ({@link SnapshotCache}), deleted on expiry, eviction, Cleanup and shutdown.
 *
 * <pre>{@code
 * ConnectorServer server = new ConnectorServer(
 *     ServerSecurity.serverBuilder(listen, tls), connector, options, List.of()).start();
 * Runtime.getRuntime().addShutdownHook(server.shutdownHook());
 * server.awaitTermination();
 * }</pre>
 */
public final class ConnectorServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectorServer.class);

  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final CallAdmission admission;
  private final SnapshotCache snapshots;
  private final ScheduledExecutorService timer;
  private final ServerOptions options;
  private final List<String> serviceNames = new ArrayList<>();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  /**
   * @param extraServices further services to serve behind the same auth, deadline, access log,
   *     health and reflection (the hook for services built elsewhere, e.g. actions)
   */
  public ConnectorServer(
      ServerBuilder<?> builder,
      CloudflareConnector connector,
      ServerOptions options,
      List<BindableService> extraServices) {
    this.options = options;
    this.admission = new CallAdmission(options.callLimits());
    this.timer = Executors.newSingleThreadScheduledExecutor(threads("grpc-deadline", true));
    GrpcErrors errors = new GrpcErrors(Clock.systemUTC());
    Rpc rpc = new Rpc(errors);
    this.snapshots =
        new SnapshotCache(
            connector::feeds,
            options.tempDir(),
            options.snapshots(),
            options.snapshotIdleTtl(),
            options.snapshotIdleTtl(),
            Clock.systemUTC());
    HostSync sync =
        new HostSync(connector.resourceTypes(), snapshots, new PageTokens(new SecureRandom()));
    Provisioner provisioner =
        new Provisioner(
            options.provisioning(),
            connector.client(),
            snapshots,
            connector.options().scimGroups());

    List<BindableService> services =
        new ArrayList<>(
            List.of(
                new ConnectorServiceImpl(connector, snapshots, rpc),
                new ResourceTypesServiceImpl(sync, rpc),
                new ResourcesServiceImpl(sync, rpc),
                new ResourceGetterServiceImpl(sync, rpc),
                new EntitlementsServiceImpl(sync, rpc),
                new GrantsServiceImpl(sync, rpc),
                new GrantManagerServiceImpl(provisioner, rpc),
                new AccountManagerServiceImpl(provisioner, rpc),
                new ResourceDeleterServiceImpl(provisioner, rpc),
                new EventServiceImpl(
                    new EventFeed(
                        connector.client(),
                        new EventCursors(
                            cursorSecret(connector.client().credentials()),
                            connector.client().accountId()),
                        Clock.systemUTC()),
                    rpc),
                new SyncServiceImpl(
                    new FullSync(connector, options.tempDir()),
                    errors,
                    options.streamChunkBytes(),
                    connector.resourceTypes().stream().map(t -> t.getId()).toList())));
    services.addAll(extraServices);
    for (BindableService s : services) {
      builder.addService(s);
      serviceNames.add(s.bindService().getServiceDescriptor().getName());
    }
    builder.addService(health.getHealthService());
    builder.addService(ProtoReflectionServiceV1.newInstance());
    builder.addService(legacyReflection());

    // Interceptors run in reverse order of registration: access log, auth, deadline.
    String fullSync = SyncServiceGrpc.getFullSyncMethod().getFullMethodName();
    builder.intercept(
        new DeadlineInterceptor(
            method -> method.equals(fullSync) ? options.syncDeadline() : options.defaultDeadline(),
            timer));
    if (options.bearerToken() != null) {
      builder.intercept(
          new BearerAuthInterceptor(options.bearerToken(), Set.of(HealthGrpc.SERVICE_NAME)));
    }
    builder.intercept(admission);
    builder.intercept(new AccessLogInterceptor());
    builder
        .executor(admission.quickExecutor())
        .callExecutor(admission)
        .maxInboundMessageSize(options.maxInboundBytes());
    this.server = builder.build();
  }

  /** What event cursors are signed with (derived from, never the same as, the secret). */
  private static String cursorSecret(dev.batoncf.cloudflare.Credentials c) {
    if (c instanceof dev.batoncf.cloudflare.Credentials.ApiToken t) {
      return t.token().reveal();
    }
    var k = (dev.batoncf.cloudflare.Credentials.GlobalApiKey) c;
    return k.email() + "\n" + k.key().reveal();
  }

  /** grpcurl and older tools still ask the v1alpha reflection service. */
  @SuppressWarnings("deprecation")
  private static BindableService legacyReflection() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  public ConnectorServer start() throws IOException {
    SnapshotStore.deleteStale(options.tempDir());
    server.start();
    // Idle snapshots are deleted even when no request comes to notice they expired.
    timer.scheduleWithFixedDelay(this::expireSnapshots, 1, 1, TimeUnit.MINUTES);
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    serviceNames.forEach(n -> health.setStatus(n, ServingStatus.SERVING));
    return this;
  }

  /** Calls running now per class ("quick", "list", "provision", "sync"), for operations. */
  public Map<String, Integer> runningCalls() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (CallClass c : CallClass.values()) {
      out.put(c.flag(), admission.running(c));
    }
    return out;
  }

  /** Host-walk snapshots held now (each a database in the temp directory). */
  public int snapshotCount() {
    return snapshots.size();
  }

  /** A failing sweep is logged; an exception would cancel every later one. */
  private void expireSnapshots() {
    try {
      snapshots.expireIdle();
    } catch (RuntimeException e) {
      log.warn("could not delete expired snapshots: {}", e.getMessage());
    }
  }

  /** The bound port (useful after listening on port 0). */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops accepting calls, lets in-flight ones finish for up to {@code grace}, then cancels the
   * rest. Health reports NOT_SERVING from the start, so balancers stop sending work.
   */
  public void shutdown(Duration grace) {
    if (!shuttingDown.compareAndSet(false, true)) {
      awaitQuietly(grace); // a second caller (hook and close) just waits for the first
      return;
    }
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("calls still running after {}s; cancelling them", grace.toSeconds());
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      admission.close();
      timer.shutdownNow();
      snapshots.close();
    }
  }

  private void awaitQuietly(Duration grace) {
    try {
      server.awaitTermination(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** For {@code Runtime.addShutdownHook}: SIGTERM and Ctrl-C shut down gracefully. */
  public Thread shutdownHook() {
    return new Thread(
        () -> {
          log.info(
              "shutting down: finishing in-flight calls (up to {}s)",
              options.shutdownGrace().toSeconds());
          shutdown(options.shutdownGrace());
        },
        "grpc-shutdown");
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    shutdown(options.shutdownGrace());
  }

  private static ThreadFactory threads(String prefix, boolean daemon) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(daemon);
      return t;
    };
  }
}
