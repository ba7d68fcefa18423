package dev.batoncf.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cli.LogSetup;
import io.grpc.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Getting connected: an unreachable host is retried with backoff (one warning per attempt) until it
 * answers; refused credentials and a revoked client end the run with one clear error.
 */
class ServiceBootstrapTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final StringWriter log = new StringWriter();

  @BeforeEach
  void captureLog() {
    LogSetup.configure("info", "console", new PrintWriter(log, true), List.of());
  }

  @AfterEach
  void restoreLog() {
    LogSetup.configure("info", "console", new PrintWriter(System.out, true), List.of());
  }

  @Test
  void aHostDownAtStartIsRetriedWithBackoffUntilItIsUp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      h.host.close(); // nobody listens on `port` yet
      ServiceConfig config =
          ServiceConfig.of(
                  ClientId.parse(h.client.clientId()),
                  ClientSecret.parse(dev.batoncf.cloudflare.Secret.of(h.client.secret())),
                  h.env(port),
                  "baton-cloudflare",
                  "9.9.9")
              .withTrust(h.pki.trust())
              .withHelloBackoff(Duration.ofMillis(300));
      h.run(config);
      awaitLog("\\(attempt 3\\)");
      ServiceStatus s = h.service().status();
      assertEquals(ServiceStatus.State.CONNECTING, s.state());
      assertTrue(!s.connected() && s.lastError().startsWith("UNAVAILABLE"), s.toString());
      try (FakeBatonHost late = FakeBatonHost.start(h.pki, h.tokens, port)) {
        late.awaitTrue(x -> x.polls().size() >= 1, WAIT, "the first poll");
        assertEquals(1, late.hellos().size());
        String text = log.toString();
        // 300 ms, 600 ms, 1.2 s, ...: attempts 1..3 failed before the host came up
        for (int attempt = 1; attempt <= 3; attempt++) {
          assertTrue(
              text.contains(
                  "could not reach the Baton host 127.0.0.1:"
                      + port
                      + " (attempt "
                      + attempt
                      + "): UNAVAILABLE"),
              text);
        }
        Matcher m =
            Pattern.compile(
                    "connected to the Baton host 127\\.0\\.0\\.1:"
                        + port
                        + " as host svc-test-host \\(hello after (\\d+) attempts\\)")
                .matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Integer.parseInt(m.group(1)) >= 4);
        assertTrue(h.service().status().connected());
        assertNull(h.stop(WAIT));
      }
    }
  }

  @Test
  void anUnreachableTokenEndpointIsRetriedToo() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      h.tokens.failWith(503);
      h.run(false, c -> c.withHelloBackoff(Duration.ofMillis(200)));
      awaitLog(
          "\\(attempt 2\\): UNAVAILABLE: the token endpoint https://127\\.0\\.0\\.1:"
              + h.tokens.port()
              + "/auth/v1/token answered HTTP 503");
      h.tokens.failWith(0);
      h.host.awaitTrue(x -> x.polls().size() >= 1, WAIT, "the first poll");
      assertNull(h.stop(WAIT));
    }
  }

  @Test
  void refusedCredentialsEndTheRunWithOneLine() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      TestClient wrongKey =
          new TestClient(
              h.client.clientId(),
              TestClient.create(ServiceHarness.CLIENT_HOST).secret(),
              null,
              null);
      ServiceConfig config =
          ServiceConfig.of(
                  ClientId.parse(wrongKey.clientId()),
                  ClientSecret.parse(dev.batoncf.cloudflare.Secret.of(wrongKey.secret())),
                  h.env(),
                  "baton-cloudflare",
                  "9.9.9")
              .withTrust(h.pki.trust());
      h.run(config);
      Throwable end = h.awaitEnd(WAIT);
      ServiceException e = assertInstanceOf(ServiceException.class, end);
      assertEquals(
          "the Baton host 127.0.0.1:"
              + h.host.port()
              + " refused the connector: "
              + "UNAUTHENTICATED: the token endpoint https://127.0.0.1:"
              + h.tokens.port()
              + "/auth/v1/token refused the client credentials (HTTP 401, invalid_client): check "
              + "--client-id and --client-secret, or whether the client was revoked",
          e.getMessage());
      assertEquals(1, h.tokens.rejections().size(), "not retried");
      assertTrue(h.host.calls().isEmpty(), "no call reached the host without a token");
      assertEquals(ServiceStatus.State.FAILED, h.service().status().state());
    }
  }

  @Test
  void aClientRevokedWhileRunningEndsTheRun() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      h.run(false);
      h.host.awaitTrue(x -> x.polls().size() >= 1, WAIT, "the first poll");
      h.host.refuse(Status.PERMISSION_DENIED.withDescription("client revoked"));
      ServiceException e = assertInstanceOf(ServiceException.class, h.awaitEnd(WAIT));
      assertEquals(
          "the Baton host 127.0.0.1:"
              + h.host.port()
              + " refused the client: "
              + "PERMISSION_DENIED: client revoked",
          e.getMessage());
    }
  }

  @Test
  void aRevokedClientAtStartIsNotRetried() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      h.host.refuse(Status.PERMISSION_DENIED.withDescription("client revoked"));
      h.run(false);
      ServiceException e = assertInstanceOf(ServiceException.class, h.awaitEnd(WAIT));
      assertEquals(
          "the Baton host 127.0.0.1:"
              + h.host.port()
              + " refused the connector: "
              + "PERMISSION_DENIED: client revoked",
          e.getMessage());
      assertEquals(1, h.host.calls().size());
    }
  }

  private void awaitLog(String regex) throws InterruptedException {
    Pattern p = Pattern.compile(regex);
    long until = System.nanoTime() + WAIT.toNanos();
    while (!p.matcher(log.toString()).find()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("no log line matching " + regex + " in:\n" + log);
      }
      Thread.sleep(20);
    }
  }
}
