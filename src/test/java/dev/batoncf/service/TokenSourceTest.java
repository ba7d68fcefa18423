package dev.batoncf.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.Secret;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token exchange against the strict HTTPS token endpoint, with a clock the test moves. */
class TokenSourceTest {
  private final ServicePki pki = ServicePki.get();
  private final TestClient client = TestClient.create("c1.example.test:8443");
  private FakeTokenEndpoint endpoint;
  private final MovableClock clock = new MovableClock(Instant.now());

  @BeforeEach
  void start() {
    endpoint = FakeTokenEndpoint.start(pki, client, "c1.example.test");
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void aTokenIsCachedAndFetchedAgainBeforeItExpires() {
    endpoint.expiresIn(60); // refreshed 30 s before expiry (half its life, at most a minute)
    TokenSource tokens = source(client, endpoint.port());
    AccessToken first = tokens.token();
    assertEquals("Bearer", first.type(), "token_type 'bearer' normalised as Go's oauth2 does");
    assertTrue(endpoint.valid(first.header()));
    clock.advance(Duration.ofSeconds(29));
    assertSame(first, tokens.token(), "still fresh: no new request");
    assertEquals(1, endpoint.issued());
    clock.advance(Duration.ofSeconds(2)); // 31 s: 29 s before it expires
    AccessToken second = tokens.token();
    assertNotEquals(first.value(), second.value());
    assertEquals(2, endpoint.issued());
    assertEquals(clock.instant().plusSeconds(60), second.expiresAt());
    assertEquals(List.of(), endpoint.rejections());
    assertEquals(
        "application/x-www-form-urlencoded", endpoint.requestHeaders().get(0).get("content-type"));
    assertTrue(second.toString().endsWith("****, expires " + second.expiresAt() + "]"));
  }

  @Test
  void aWrongKeyIsUnauthenticatedWithTheEndpointsReason() {
    TestClient impostor =
        new TestClient(
            client.clientId(), TestClient.create("c1.example.test:8443").secret(), null, null);
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> source(impostor, endpoint.port()).token());
    assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    assertEquals(
        "the token endpoint https://127.0.0.1:"
            + endpoint.port()
            + "/auth/v1/token "
            + "refused the client credentials (HTTP 401, invalid_client): check --client-id and "
            + "--client-secret, or whether the client was revoked",
        e.getStatus().getDescription());
    assertEquals(List.of("bad signature"), endpoint.rejections());
  }

  @Test
  void aFailingOrUnreachableEndpointIsUnavailableSoItIsRetried() throws Exception {
    endpoint.failWith(503);
    StatusRuntimeException busy =
        assertThrows(StatusRuntimeException.class, () -> source(client, endpoint.port()).token());
    assertEquals(Status.Code.UNAVAILABLE, busy.getStatus().getCode());
    assertTrue(busy.getStatus().getDescription().endsWith("answered HTTP 503"));

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    StatusRuntimeException down =
        assertThrows(StatusRuntimeException.class, () -> source(client, closed).token());
    assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
    assertTrue(
        down.getStatus()
            .getDescription()
            .startsWith(
                "could not reach the token endpoint https://127.0.0.1:"
                    + closed
                    + "/auth/v1/token"),
        down.getStatus().getDescription());
  }

  @Test
  void anUntrustedCertificateIsNeverSentTheAssertion() {
    HttpClient defaultTrust =
        HttpClient.newBuilder().sslContext(HostTrust.jvmDefault().sslContext()).build();
    TokenSource tokens =
        new TokenSource(
            ClientId.parse(client.clientId()),
            ClientSecret.parse(Secret.of(client.secret())),
            HostPort.parse("127.0.0.1:" + endpoint.port(), 443),
            defaultTrust,
            clock);
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, tokens::token);
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    assertEquals(0, endpoint.requestHeaders().size(), "the TLS handshake failed first");
  }

  private TokenSource source(TestClient c, int port) {
    HttpClient http = HttpClient.newBuilder().sslContext(pki.trust().sslContext()).build();
    return new TokenSource(
        ClientId.parse(c.clientId()),
        ClientSecret.parse(Secret.of(c.secret())),
        HostPort.parse("127.0.0.1:" + port, 443),
        http,
        clock);
  }

  /** A clock tests move by hand. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
