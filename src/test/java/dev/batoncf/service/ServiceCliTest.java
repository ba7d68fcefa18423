package dev.batoncf.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The root command in service mode, through {@code Main.run}: credentials from the environment, the
 * host's CA from the JVM's standard trust store ({@code javax.net.ssl.trustStore}, as {@code
 * BATON_JAVA_OPTS} would set it), exit codes and the lines the user sees.
 */
class ServiceCliTest {
  private static final List<String> TRUST_PROPS =
      List.of(
          "javax.net.ssl.trustStore",
          "javax.net.ssl.trustStorePassword",
          "javax.net.ssl.trustStoreType");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void trustTheTestCa() {
    TRUST_PROPS.forEach(p -> saved.put(p, System.getProperty(p)));
    System.setProperty("javax.net.ssl.trustStore", ServicePki.get().trustStoreFile.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", ServicePki.STORE_PASSWORD);
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "only an id       | --client-id=a@h/s                         | --client-id and --client-secret are required together (or BATON_CLIENT_ID and BATON_CLIENT_SECRET)",
        "malformed id     | --client-id=nohost,--client-secret=SECRET | --client-id must look like <name>@<host>/<suffix> (the client id ConductorOne shows when it creates the credential)",
        "malformed secret | --client-id=a@h/s,--client-secret=secret-token:x:v2:abc | --client-secret is not a ConductorOne client secret (secret-token:<issuer>:v1:<key>): expected four ':'-separated parts, the third 'v1'",
        "with an operation | --client-id=a@h/s,--client-secret=SECRET,--revoke-grant=g | service mode (--client-id/--client-secret) runs the tasks the host sends: it cannot be combined with --demo, a provisioning flag, an action flag or a sync scoping flag (each sync task carries its own scope)",
        "with a scope     | --client-id=a@h/s,--client-secret=SECRET,--sync-resource-types=role | service mode (--client-id/--client-secret) runs the tasks the host sends: it cannot be combined with --demo, a provisioning flag, an action flag or a sync scoping flag (each sync task carries its own scope)",
        "bad concurrency  | --client-id=a@h/s,--client-secret=SECRET,--task-concurrency=0 | --task-concurrency must be a whole number from 1 to 64",
        "bad timeout      | --client-id=a@h/s,--client-secret=SECRET,--shutdown-timeout=soon | --shutdown-timeout must be a duration such as 30s, 2m or 500ms, not 'soon'",
      })
  void badServiceFlagsAreUsageErrors(String name, String args, String error) {
    String secret = TestClient.create("h").secret();
    String[] argv = args.replace("SECRET", secret).split(",");
    CliRun r =
        CliRun.run(
            Map.of(
                "BATON_ACCOUNT_ID", Seeds.DEMO_ACCOUNT_ID, "BATON_API_TOKEN", Seeds.DEMO_API_TOKEN),
            argv);
    assertEquals(2, r.code(), r.both());
    assertEquals(List.of("error: " + error), r.errorLines(), r.both());
    assertFalse(r.both().contains(secret.substring(40)), "the secret is never shown");
  }

  @Test
  void aSecretTheHostRefusesIsOneLineAndExitOne() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      String wrong = TestClient.create(ServiceHarness.CLIENT_HOST).secret();
      Map<String, String> env = env(h, wrong);
      CliRun r = CliRun.run(env, "--base-url", h.sim.baseUrl(), "--log-format", "console");
      assertEquals(1, r.code(), r.both());
      assertEquals(
          List.of(
              "error: the Baton host 127.0.0.1:"
                  + h.host.port()
                  + " refused the "
                  + "connector: UNAUTHENTICATED: the token endpoint https://127.0.0.1:"
                  + h.tokens.port()
                  + "/auth/v1/token refused the client credentials (HTTP 401, invalid_client): check "
                  + "--client-id and --client-secret, or whether the client was revoked"),
          r.errorLines(),
          r.both());
      assertFalse(r.both().contains("\tat "), "no stack trace");
      assertFalse(r.both().contains(wrong.substring(40)), "the secret is never shown");
    }
  }

  @Test
  void runsTheHostsTasksUntilStoppedThenExitsZero() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      Map<String, String> env = env(h, h.client.secret());
      CompletableFuture<CliRun> run = new CompletableFuture<>();
      Thread t =
          new Thread(
              () ->
                  run.complete(
                      CliRun.run(
                          env,
                          "-p",
                          "--base-url",
                          h.sim.baseUrl(),
                          "--log-format",
                          "console",
                          "--task-concurrency",
                          "2",
                          "--shutdown-timeout",
                          "10s")),
              "cli-service");
      t.start();
      var task =
          Tasks.grant(
              Tasks.roleEntitlement(Seeds.ROLE_DNS),
              Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE));
      h.host.enqueue(task);
      assertTrue(h.host.awaitFinish(task.getId(), WAIT).hasSuccess());
      assertTrue(
          h.sim
              .account()
              .member(Seeds.DEMO_MEMBER_ZOE)
              .orElseThrow()
              .roleIds()
              .contains(Seeds.ROLE_DNS));
      t.interrupt(); // what SIGTERM does to the real process: stop, finish, exit 0
      CliRun r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, r.code(), r.both());
      assertEquals(
          List.of(
              "service mode: polling 127.0.0.1:"
                  + h.host.port()
                  + " for tasks as "
                  + "host svc-test-host (client baton-cloudflare-test, provisioning: on, task "
                  + "concurrency: 2)",
              "service mode stopped"),
          r.out().lines().toList(),
          r.both());
      assertTrue(r.err().contains("task " + task.getId() + " (grant) finished in "), r.err());
      assertTrue(
          r.err()
              .contains(
                  "connected to the Baton host 127.0.0.1:"
                      + h.host.port()
                      + " as host svc-test-host (hello after 1 attempt)"),
          r.err());
      assertFalse(r.both().contains(h.client.secret().substring(40)));
      assertEquals(List.of(), r.errorLines());
    }
  }

  @Test
  void healthEndpointsFollowTheLoopInServiceMode() throws Exception {
    int port;
    try (java.net.ServerSocket free =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      Map<String, String> env = env(h, h.client.secret());
      CompletableFuture<CliRun> run = new CompletableFuture<>();
      Thread t =
          new Thread(
              () ->
                  run.complete(
                      CliRun.run(
                          env,
                          "-p",
                          "--base-url",
                          h.sim.baseUrl(),
                          "--log-format",
                          "console",
                          "--health-check",
                          "--health-check-port",
                          Integer.toString(port),
                          "--shutdown-timeout",
                          "10s")),
              "cli-service-health");
      t.start();
      var task =
          Tasks.grant(
              Tasks.roleEntitlement(Seeds.ROLE_DNS),
              Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE));
      h.host.enqueue(task);
      assertTrue(h.host.awaitFinish(task.getId(), WAIT).hasSuccess());
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.util.function.Function<String, java.net.http.HttpResponse<String>> get =
          path -> {
            try {
              return http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + port + path))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              throw new AssertionError(path + ": " + e, e);
            }
          };
      var ready = get.apply("/ready");
      assertEquals(200, ready.statusCode(), ready.body());
      com.google.gson.JsonObject body =
          com.google.gson.JsonParser.parseString(ready.body()).getAsJsonObject();
      assertEquals("service", body.get("mode").getAsString(), ready.body());
      assertEquals("running", body.get("state").getAsString(), ready.body());
      assertEquals("svc-test-host", body.get("host_id").getAsString(), ready.body());
      assertEquals(task.getId(), body.getAsJsonObject("last_task").get("id").getAsString());
      assertEquals(200, get.apply("/live").statusCode());
      var health = get.apply("/health");
      assertEquals(200, health.statusCode(), health.body());
      String metrics = get.apply("/metrics").body();
      assertTrue(metrics.contains("\nbaton_cloudflare_tasks_finished_total 1\n"), metrics);
      assertTrue(metrics.contains("\nbaton_cloudflare_service_connected 1\n"), metrics);
      t.interrupt();
      CliRun r = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, r.code(), r.both());
      assertTrue(r.out().contains("health checks on http://127.0.0.1:" + port), r.out());
    }
  }

  private static Map<String, String> env(ServiceHarness h, String secret) {
    Map<String, String> env = new HashMap<>(h.env());
    env.put("BATON_CLIENT_ID", h.client.clientId());
    env.put("BATON_CLIENT_SECRET", secret);
    env.put("BATON_ACCOUNT_ID", Seeds.DEMO_ACCOUNT_ID);
    env.put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    return env;
  }
}
