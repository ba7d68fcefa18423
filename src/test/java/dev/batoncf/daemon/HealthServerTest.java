package dev.batoncf.daemon;

import static dev.batoncf.daemon.DaemonFixture.await;
import static dev.batoncf.daemon.DaemonFixture.every;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.http.RequestMetrics;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.health.CredentialCheck;
import dev.batoncf.health.HealthServer;
import dev.batoncf.health.PrometheusText;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.SimSync;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health endpoints over real HTTP on loopback, fed by a real scheduler and simulator. */
class HealthServerTest {
  @TempDir Path dir;
  CfSimulator sim;
  HealthServer server;
  final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    sim.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private HealthServer serve(
      SyncState state, CredentialCheck check, RequestMetrics metrics, Clock clock)
      throws Exception {
    server =
        HealthServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new DaemonHealth(state, check, metrics, clock),
            clock);
    return server;
  }

  private static CredentialCheck check(CredentialCheck.Validator v, Duration timeout) {
    return new CredentialCheck(
        v, Duration.ofSeconds(60), timeout, Clock.systemUTC(), Executors.newSingleThreadExecutor());
  }

  @Test
  void bodiesAreExactBatonShapesWithTheLastSync() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2025-01-15T10:00:42.5Z"), ZoneOffset.UTC);
    SyncState state = new SyncState();
    SyncFile file = new SyncFiles(dir).newFile(Instant.parse("2025-01-15T10:00:00Z"));
    state.started(null, List.of("diff"));
    state.succeeded(
        new SyncRecord(
            Instant.parse("2025-01-15T10:00:00Z"),
            Instant.parse("2025-01-15T10:00:01.250Z"),
            true,
            file.name(),
            null,
            Map.of("user", 20L, "role", 61L),
            74,
            106,
            10),
        file);
    state.failed(
        SyncRecord.failure(
            Instant.parse("2025-01-15T10:00:30Z"),
            Instant.parse("2025-01-15T10:00:32Z"),
            "Cloudflare answered 503"));
    state.nextRunAt(Instant.parse("2025-01-15T10:01:32Z"));
    CredentialCheck ok =
        new CredentialCheck(
            () -> {}, Duration.ofSeconds(60), Duration.ofSeconds(1), clock, Runnable::run);
    serve(state, ok, new RequestMetrics(), clock);

    String lastSync =
        "\"last_sync\":{\"started_at\":\"2025-01-15T10:00:30Z\","
            + "\"finished_at\":\"2025-01-15T10:00:32Z\",\"result\":\"failure\",\"age_seconds\":10,"
            + "\"duration_seconds\":2.0,\"error\":\"Cloudflare answered 503\"},"
            + "\"last_success\":{\"started_at\":\"2025-01-15T10:00:00Z\","
            + "\"finished_at\":\"2025-01-15T10:00:01.250Z\",\"result\":\"success\","
            + "\"age_seconds\":41,\"duration_seconds\":1.25,"
            + "\"file\":\"sync-20250115T100000.000Z.c1z\"},"
            + "\"newest_file\":\"sync-20250115T100000.000Z.c1z\",\"sync_in_progress\":false,"
            + "\"next_sync_at\":\"2025-01-15T10:01:32Z\",\"consecutive_failures\":1";
    HttpResponse<String> live = get("/live");
    assertEquals(200, live.statusCode());
    assertEquals("application/json", live.headers().firstValue("content-type").orElseThrow());
    assertEquals(
        "{\"status\":\"alive\",\"timestamp\":\"2025-01-15T10:00:42Z\"," + lastSync + "}\n",
        live.body());
    HttpResponse<String> ready = get("/ready");
    assertEquals(200, ready.statusCode());
    assertEquals(
        "{\"status\":\"ready\",\"timestamp\":\"2025-01-15T10:00:42Z\"," + lastSync + "}\n",
        ready.body());
    HttpResponse<String> health = get("/health");
    assertEquals(200, health.statusCode());
    assertEquals(
        "{\"status\":\"healthy\",\"timestamp\":\"2025-01-15T10:00:42Z\","
            + lastSync
            + ",\"credentials_checked_at\":\"2025-01-15T10:00:42.500Z\"}\n",
        health.body());

    String metrics = get("/metrics").body();
    for (String line :
        List.of(
            "baton_cloudflare_syncs_total 2",
            "baton_cloudflare_sync_failures_total 1",
            "baton_cloudflare_sync_consecutive_failures 1",
            "baton_cloudflare_sync_in_progress 0",
            "baton_cloudflare_last_sync_duration_seconds 2",
            "baton_cloudflare_last_sync_success 0",
            "baton_cloudflare_last_success_timestamp_seconds 1736935201.25",
            "baton_cloudflare_last_sync_resources{resource_type=\"role\"} 61",
            "baton_cloudflare_last_sync_resources{resource_type=\"user\"} 20",
            "baton_cloudflare_last_sync_entitlements 74",
            "baton_cloudflare_last_sync_grants 106",
            "baton_cloudflare_next_sync_timestamp_seconds 1736935292",
            "baton_cloudflare_after_sync_failures_total{step=\"diff\"} 0",
            "baton_cloudflare_api_rate_limited_total 0",
            "# TYPE baton_cloudflare_syncs_total counter",
            "# TYPE baton_cloudflare_last_sync_grants gauge")) {
      assertTrue(metrics.lines().anyMatch(line::equals), "missing '" + line + "' in\n" + metrics);
    }

    state.stopping();
    HttpResponse<String> stopping = get("/ready");
    assertEquals(503, stopping.statusCode());
    assertEquals("not_ready", json(stopping).get("status").getAsString());
    assertEquals(
        "shutting down", json(stopping).getAsJsonObject("details").get("error").getAsString());
    state.stopped();
    HttpResponse<String> dead = get("/live");
    assertEquals(503, dead.statusCode());
    assertEquals("dead", json(dead).get("status").getAsString());
  }

  @Test
  void readyOnlyAfterTheFirstGoodSyncAndMetricsMatchTheSimulatorsCounts() throws Exception {
    try (DaemonFixture d =
        new DaemonFixture(sim, dir, every(Duration.ofHours(1), Duration.ofSeconds(1)), 10)) {
      serve(
          d.state,
          check(d.connector::validate, Duration.ofSeconds(10)),
          d.client.metrics(),
          Clock.systemUTC());
      HttpResponse<String> notYet = get("/ready");
      assertEquals(503, notYet.statusCode());
      assertEquals(
          "{\"error\":\"no good sync yet\"}", json(notYet).getAsJsonObject("details").toString());
      assertTrue(json(notYet).get("last_sync").isJsonNull());
      assertEquals(200, get("/live").statusCode());

      d.start();
      await("a good sync", 60, () -> d.seen().size() == 1);
      SyncFile file = d.seen().get(0).current();
      assertEquals(200, get("/ready").statusCode());
      JsonObject body = json(get("/health"));
      assertEquals("healthy", body.get("status").getAsString());
      assertEquals(file.name(), body.getAsJsonObject("last_sync").get("file").getAsString());
      assertEquals("success", body.getAsJsonObject("last_sync").get("result").getAsString());
      for (int i = 0; i < 3; i++) {
        assertEquals(200, get("/health").statusCode()); // answered from the cache
      }

      String metrics = get("/metrics").body();
      assertEquals(
          PrometheusText.CONTENT_TYPE,
          get("/metrics").headers().firstValue("content-type").orElseThrow());
      assertEquals(
          2,
          sim.requests().count("GET", Paths.ACCOUNT),
          "one validate for the sync, one for all four /health probes");
      assertTrue(metrics.contains("\nbaton_cloudflare_credential_checks_total 1\n"), metrics);
      // every endpoint's count is what the simulator received
      Map<String, Integer> received = sim.requests().countsByEndpoint();
      for (Map.Entry<String, Integer> e : received.entrySet()) {
        String line =
            "baton_cloudflare_api_requests_total{endpoint=\"" + e.getKey() + "\"} " + e.getValue();
        assertTrue(metrics.lines().anyMatch(line::equals), "missing '" + line + "' in\n" + metrics);
      }
      assertEquals(
          received.size(),
          metrics
              .lines()
              .filter(l -> l.startsWith("baton_cloudflare_api_requests_total{"))
              .count());
      // rows by type are the file's own counts
      for (String type :
          List.of("user", "invitation", "role", "api_token", "access_user", "group")) {
        String line =
            "baton_cloudflare_last_sync_resources{resource_type=\""
                + type
                + "\"} "
                + SimSync.resources(file.path(), type).size();
        assertTrue(metrics.lines().anyMatch(line::equals), "missing " + line);
      }
      assertTrue(
          metrics
              .lines()
              .anyMatch(
                  ("baton_cloudflare_last_sync_grants " + SimSync.grants(file.path(), null).size())
                      ::equals),
          metrics);
      assertTrue(
          metrics
              .lines()
              .anyMatch(
                  ("baton_cloudflare_last_sync_entitlements "
                          + SimSync.entitlements(file.path(), null).size())
                      ::equals),
          metrics);
      assertTrue(metrics.contains("\nbaton_cloudflare_syncs_total 1\n"), metrics);
    }
  }

  @Test
  void rejectedCredentialsAnswer503WithTheReason() throws Exception {
    try (CloudflareClient bad =
        SimSync.client(
            sim, new Credentials.ApiToken(Secret.of("not-the-token-0000000000000000")))) {
      CloudflareConnector connector = new CloudflareConnector(bad, new ConnectorOptions(true));
      SyncState state = new SyncState();
      state.started(null, List.of());
      serve(
          state,
          check(connector::validate, Duration.ofSeconds(10)),
          bad.metrics(),
          Clock.systemUTC());
      HttpResponse<String> r = get("/health");
      assertEquals(503, r.statusCode());
      JsonObject body = json(r);
      assertEquals("unhealthy", body.get("status").getAsString());
      assertEquals(
          "connector validation failed",
          body.getAsJsonObject("details").get("error").getAsString());
      assertEquals(
          "Cloudflare rejected the API token: check --api-token (BATON_API_TOKEN)",
          body.getAsJsonObject("details").get("validation_error").getAsString());
      assertTrue(!r.body().contains("not-the-token"), "no secret in the body");
    }
  }

  @Test
  void aSlowCheckAnswers503WithoutWaitingAndIsCachedWhenItEnds() throws Exception {
    try (CloudflareClient client = SimSync.client(sim, SimSync.demoToken())) {
      CloudflareConnector connector = new CloudflareConnector(client, new ConnectorOptions(true));
      SyncState state = new SyncState();
      state.started(null, List.of());
      CredentialCheck check = check(connector::validate, Duration.ofMillis(300));
      serve(state, check, client.metrics(), Clock.systemUTC());
      sim.faults().next(1).matching("GET", "/accounts/").slow(Duration.ofSeconds(2));
      long t0 = System.nanoTime();
      HttpResponse<String> first = get("/health");
      assertTrue(System.nanoTime() - t0 < Duration.ofMillis(1500).toNanos(), "bounded wait");
      assertEquals(503, first.statusCode());
      assertEquals(
          "the Cloudflare credential check has not answered within 300ms",
          json(first).getAsJsonObject("details").get("validation_error").getAsString());
      assertEquals(503, get("/health").statusCode(), "still the same check in flight");
      await("the slow check to end", 10, () -> check.check().ok());
      assertEquals(200, get("/health").statusCode());
      assertEquals(1, check.calls(), "one Cloudflare call for every probe so far");
      assertEquals(1, sim.requests().count("GET", Paths.ACCOUNT));
    }
  }

  @Test
  void otherPathsAndMethods() throws Exception {
    SyncState state = new SyncState();
    state.started(null, List.of());
    serve(state, check(() -> {}, Duration.ofSeconds(1)), new RequestMetrics(), Clock.systemUTC());
    HttpResponse<String> missing = get("/healthz");
    assertEquals(404, missing.statusCode());
    assertEquals(
        "{\"error\":\"not found\",\"endpoints\":[\"/health\",\"/ready\",\"/live\","
            + "\"/metrics\"]}\n",
        missing.body());
    HttpResponse<String> post = send("POST", "/health");
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
    HttpResponse<String> head = send("HEAD", "/live");
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertEquals("no-store", head.headers().firstValue("cache-control").orElseThrow());
  }
}
