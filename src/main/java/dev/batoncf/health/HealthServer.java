package dev.batoncf.health;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's health endpoints on the JDK HTTP server: {@code GET /health}, {@code /ready}, {@code
 * /live} (JSON, 200 or 503) and {@code /metrics} (Prometheus text), answered from a {@link
 * HealthSource}. Binds exactly the address it is given (the CLI defaults to 127.0.0.1). Two
 * threads: probes are small, and a slow credential check bounds its own time.
 */
public final class HealthServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
  public static final String JSON = "application/json";
  public static final String LIVE = "/live";
  public static final String READY = "/ready";
  public static final String HEALTH = "/health";
  public static final String METRICS = "/metrics";
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private final HttpServer server;
  private final ExecutorService executor;
  private final HealthSource source;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private HealthServer(
      HttpServer server, ExecutorService executor, HealthSource source, Clock clock) {
    this.server = server;
    this.executor = executor;
    this.source = source;
    this.clock = clock;
  }

  /** Starts serving on {@code address} (port 0 picks a free port). */
  public static HealthServer start(InetSocketAddress address, HealthSource source, Clock clock)
      throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "health-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HealthServer hs = new HealthServer(server, executor, source, clock);
    server.setExecutor(executor);
    server.createContext("/", hs::handle);
    server.start();
    return hs;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:8081}; IPv6 in brackets. */
  public String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      boolean head = method.equals("HEAD");
      if (!method.equals("GET") && !head) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, JSON, "{\"error\":\"method not allowed\"}\n", false);
        return;
      }
      switch (path) {
        case LIVE -> probe(ex, source.live(), head);
        case READY -> probe(ex, source.ready(), head);
        case HEALTH -> probe(ex, source.health(), head);
        case METRICS -> {
          PrometheusText text = new PrometheusText();
          source.metrics(text);
          send(ex, 200, PrometheusText.CONTENT_TYPE, text.toString(), head);
        }
        default ->
            send(
                ex,
                404,
                JSON,
                "{\"error\":\"not found\",\"endpoints\":"
                    + "[\"/health\",\"/ready\",\"/live\",\"/metrics\"]}\n",
                head);
      }
    } catch (RuntimeException e) {
      log.warn("health endpoint {} failed: {}", ex.getRequestURI().getPath(), e.toString());
      send(ex, 500, JSON, "{\"error\":\"internal error\"}\n", false);
    }
  }

  private void probe(HttpExchange ex, Probe p, boolean head) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", p.status());
    body.put(
        "timestamp",
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    if (!p.details().isEmpty()) {
      body.put("details", p.details());
    }
    body.putAll(p.fields());
    send(ex, p.ok() ? 200 : 503, JSON, GSON.toJson(body) + "\n", head);
  }

  private static void send(HttpExchange ex, int status, String type, String body, boolean head)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    if (head) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
