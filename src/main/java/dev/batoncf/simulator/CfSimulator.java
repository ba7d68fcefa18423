package dev.batoncf.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Cloudflare API v4 for one account, on the JDK HTTP server, bound to 127.0.0.1 only.
 * Shared by {@code --demo}, the tests and the benchmark.
 *
 * <pre>{@code
 * try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
 *   client = new Client(sim.baseUrl(), Seeds.DEMO_ACCOUNT_ID, Seeds.DEMO_API_TOKEN);
 *   sim.faults().next(1).matching("GET", "/members").rateLimited(2);
 *   ... run the connector ...
 *   assertEquals(2, sim.requests().count("GET", Paths.MEMBERS));
 * }
 * }</pre>
 *
 * <p>Emulated routes: {@link Paths}. State: {@link #account()}. Fault knobs: {@link #faults()}.
 * Request log: {@link #requests()}. Anything else under /client/v4 answers 404 code 7003; a path
 * outside /client/v4 an HTML 404 page, as the real host does. A small fixed thread pool serves
 * requests concurrently.
 */
public final class CfSimulator implements AutoCloseable {
  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimAccount account;
  private final Faults faults;
  private final RequestLog log;

  private CfSimulator(
      HttpServer server,
      ExecutorService executor,
      SimAccount account,
      Faults faults,
      RequestLog log) {
    this.server = server;
    this.executor = executor;
    this.account = account;
    this.faults = faults;
    this.log = log;
  }

  /** Start on an ephemeral port of 127.0.0.1. */
  public static CfSimulator start(SimAccount account) {
    return start(account, 0);
  }

  /** Start on the given port of 127.0.0.1 (0 = ephemeral). */
  public static CfSimulator start(SimAccount account, int port) {
    Faults faults = new Faults();
    RequestLog log = new RequestLog();
    Router router = new Router();
    new IamHandlers(account).register(router);
    new MemberHandlers(account).register(router);
    new UserGroupHandlers(account).register(router);
    new AccessHandlers(account).register(router);
    new AppHandlers(account).register(router);
    new GatewayHandlers(account).register(router);
    new RiskHandlers(account).register(router);
    new IntelHandlers(account).register(router);
    new AuditHandlers(account).register(router);
    try {
      InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 64);
      ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
      server.setExecutor(executor);
      server.createContext("/", new Dispatcher(account, faults, log, router));
      server.start();
      return new CfSimulator(server, executor, account, faults, log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Cloudflare simulator on port " + port, e);
    }
  }

  /** {@code http://127.0.0.1:<port>/client/v4}, the value for {@code --base-url}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + Wire.API_PREFIX;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimAccount account() {
    return account;
  }

  public Faults faults() {
    return faults;
  }

  public RequestLog requests() {
    return log;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "cf-simulator-" + n.incrementAndGet());
      t.setDaemon(true); // a forgotten close() must not keep the JVM alive
      return t;
    };
  }
}
