package dev.batoncf.service;

import dev.batoncf.connector.CloudflareConnector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Baton's service mode: the connector polls a governance host ({@code BatonService}) for tasks and
 * runs them, the way a Go connector built on Baton's SDK does. Wires the pieces: token source and
 * TLS channel to the host, our own connector services in-process, the task handlers and the poll
 * loop.
 *
 * <pre>{@code
 * try (ServiceMode service = ServiceMode.create(config, connector)) {
 *   // SIGTERM handler: service.stop()
 *   service.run();          // returns after stop(); ServiceException if the host refuses us
 * }
 * ServiceStatus now = service.status(); // any thread, any time (health checks)
 * }</pre>
 */
public final class ServiceMode implements AutoCloseable {
  private final BatonHost host;
  private final LocalConnector local;
  private final StatusTracker status;
  private final PollLoop loop;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;

  private ServiceMode(
      BatonHost host,
      LocalConnector local,
      StatusTracker status,
      PollLoop loop,
      ScheduledExecutorService timer,
      ExecutorService workers) {
    this.host = host;
    this.local = local;
    this.status = status;
    this.loop = loop;
    this.timer = timer;
    this.workers = workers;
  }

  public static ServiceMode create(ServiceConfig config, CloudflareConnector connector) {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(config.trust().sslContext())
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER) // the assertion goes to this host only
            .build();
    TokenSource tokens =
        new TokenSource(
            config.clientId(), config.secret(), config.tokenHost(), http, config.clock());
    BatonHost host =
        new BatonHost(
            config.apiHost(),
            config.trust(),
            new TokenCallCredentials(tokens),
            config.userAgent(),
            config.hostId());
    LocalConnector local = new LocalConnector(connector, config.provisioning());
    StatusTracker status =
        new StatusTracker(config.clock(), config.apiHost().authority(), config.hostId());
    ScheduledExecutorService timer =
        Executors.newScheduledThreadPool(config.taskConcurrency(), threads("baton-heartbeat"));
    ExecutorService workers =
        Executors.newFixedThreadPool(config.taskConcurrency(), threads("baton-task"));
    HelloSender hello = new HelloSender(host, local, config.version());
    TaskHandlers handlers =
        new TaskHandlers(local, new SyncTask(connector, config.tempDir(), host), hello);
    TaskProcessor processor =
        new TaskProcessor(host, handlers, new Heartbeats(host, timer), status);
    PollLoop loop = new PollLoop(config, host, hello, processor, status, workers);
    return new ServiceMode(host, local, status, loop, timer, workers);
  }

  /**
   * Connects and runs tasks until {@link #stop()} is called or the calling thread is interrupted;
   * in-flight tasks get the shutdown timeout, then are cancelled.
   *
   * @throws ServiceException when the host refuses the credentials or the client
   */
  public void run() {
    loop.run();
  }

  /** Stops taking tasks; {@link #run()} returns once the running ones are done. */
  public void stop() {
    loop.stop();
  }

  public ServiceStatus status() {
    return status.snapshot();
  }

  @Override
  public void close() {
    loop.stop();
    workers.shutdownNow();
    timer.shutdownNow();
    host.close();
    local.close();
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
