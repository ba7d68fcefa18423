package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateResponse;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code serve} command as a real process: it listens on loopback, answers a host, and on
 * SIGTERM finishes the call in flight before it exits.
 */
class ServeProcessTest {
  private static final Pattern SERVING =
      Pattern.compile("serving c1\\.connector\\.v2 on 127\\.0\\.0\\.1:(\\d+) ");

  @TempDir Path dir;

  @Test
  void serveAnswersOnLoopbackAndFinishesInFlightCallsOnSigterm() throws Exception {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      Path stderr = dir.resolve("stderr.log");
      Process p = serve(sim, stderr, Map.of());
      ManagedChannel ch = null;
      try {
        int port = awaitPort(p);
        ch =
            Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .build();
        var stub = ConnectorServiceGrpc.newFutureStub(ch);
        assertEquals(
            "v0.25.0",
            stub.validate(ConnectorServiceValidateRequest.getDefaultInstance())
                .get(20, TimeUnit.SECONDS)
                .getSdkVersion());
        // serve wires the ActionService behind the same listener
        var schemas =
            dev.batoncf.pb.connector.v2.ActionServiceGrpc.newBlockingStub(ch)
                .listActionSchemas(
                    dev.batoncf.pb.connector.v2.ListActionSchemasRequest.getDefaultInstance())
                .getSchemasList();
        assertEquals(12, schemas.size());
        assertTrue(schemas.stream().anyMatch(x -> x.getName().equals("get_ip_overview")));

        sim.faults().next(1).matching("GET", "/accounts/").slow(Duration.ofSeconds(2));
        int before = sim.requests().total();
        Future<ConnectorServiceValidateResponse> inFlight =
            stub.validate(ConnectorServiceValidateRequest.getDefaultInstance());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.requests().total() == before && System.nanoTime() < until) {
          Thread.sleep(10);
        }
        p.destroy(); // SIGTERM
        assertEquals(
            "v0.25.0",
            inFlight.get(20, TimeUnit.SECONDS).getSdkVersion(),
            "the call in flight at SIGTERM completed");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "serve did not exit after SIGTERM");
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(log.contains("shutting down: finishing in-flight calls"), log);
        assertFalse(log.contains(Seeds.DEMO_API_TOKEN), "no secret in the log");
      } finally {
        release(ch, p);
      }
    }
  }

  @Test
  void traceLoggingNeverPrintsTheBearerTokenOrTheCloudflareToken() throws Exception {
    String serverToken = "trace-test-bearer-0123456789abcdef";
    String wrongToken = "wrong-bearer-token-fedcba9876543210";
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      Path stderr = dir.resolve("trace.log");
      Process p =
          serve(sim, stderr, Map.of("BATON_SERVER_TOKEN", serverToken), "--log-level", "trace");
      ManagedChannel ch = null;
      try {
        int port = awaitPort(p);
        ch =
            Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .build();
        var stub = ConnectorServiceGrpc.newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS);
        assertEquals(
            "v0.25.0",
            ServerFixture.withBearer(stub, serverToken)
                .validate(ConnectorServiceValidateRequest.getDefaultInstance())
                .getSdkVersion());
        var wrong =
            assertThrows(
                io.grpc.StatusRuntimeException.class,
                () ->
                    ServerFixture.withBearer(stub, wrongToken)
                        .validate(ConnectorServiceValidateRequest.getDefaultInstance()));
        assertEquals(io.grpc.Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
        var types =
            dev.batoncf.pb.connector.v2.ResourceTypesServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(20, TimeUnit.SECONDS);
        assertEquals(
            9,
            ServerFixture.withBearer(types, serverToken)
                .listResourceTypes(
                    dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesRequest
                        .getDefaultInstance())
                .getListCount());
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "serve did not exit after SIGTERM");
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(
            log.lines().anyMatch(l -> l.startsWith("trace: --> GET /client/v4/accounts/")),
            "trace logging was on:\n" + log);
        assertFalse(log.contains(serverToken), "server bearer token in the trace log:\n" + log);
        assertFalse(log.contains(wrongToken), "a client's bearer token in the trace log");
        assertFalse(log.contains(Seeds.DEMO_API_TOKEN), "Cloudflare token in the trace log");
        assertFalse(
            Pattern.compile("(?i)bearer\\s+(?!\\*{4})\\S{8,}").matcher(log).find(),
            "no authorization value in any form:\n" + log);
      } finally {
        release(ch, p);
      }
    }
  }

  /** {@code serve} on a free loopback port as its own JVM; credentials in env, not argv. */
  private static Process serve(
      CfSimulator sim, Path stderr, Map<String, String> env, String... extra)
      throws java.io.IOException {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.batoncf.Main",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--account-id",
                Seeds.DEMO_ACCOUNT_ID,
                "--base-url",
                sim.baseUrl(),
                "--log-format",
                "console"));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
    pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Reads stdout until the startup line names the port. */
  /** After a test or a walk, whatever happened: the channel closed and serve gone. */
  static void release(ManagedChannel ch, Process p) throws InterruptedException {
    if (ch != null) {
      ch.shutdownNow();
    }
    if (p.isAlive()) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int awaitPort(Process p) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Matcher m = SERVING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
                port.completeExceptionally(new AssertionError("serve exited without serving"));
              } catch (Exception e) {
                port.completeExceptionally(e);
              }
            },
            "serve-stdout");
    reader.setDaemon(true);
    reader.start();
    Integer n = port.get(60, TimeUnit.SECONDS);
    assertNotNull(n);
    return n;
  }
}
