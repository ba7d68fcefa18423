package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthInterceptorTest {
  private static final String OK = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{}}";
  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = Servers.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private OkHttpClient client(Credentials credentials) {
    HttpSettings settings =
        HttpSettings.defaults(Servers.baseUrl(server), credentials)
            .withUserAgent("baton-cloudflare/test");
    return CloudflareHttp.build(
        settings, RateLimiter.unlimited(), new RequestMetrics(), HttpEvents.none());
  }

  /** A request that arrives with every auth header already set to something wrong. */
  private Request withStaleAuthHeaders() {
    return Servers.get(server, "/user/tokens/verify")
        .newBuilder()
        .header("Authorization", "Bearer stale")
        .header("X-Auth-Email", "stale@example.com")
        .header("X-Auth-Key", "stale-key")
        .header("X-Auth-User-Service-Key", "v1.0-stale")
        .build();
  }

  private RecordedRequest send(OkHttpClient client, Request request) throws Exception {
    server.enqueue(new MockResponse().setBody(OK));
    try (Response r = client.newCall(request).execute()) {
      assertEquals(200, r.code());
    }
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void tokenModeSendsOnlyTheBearerHeader() throws Exception {
    RecordedRequest r = send(client(Servers.TOKEN_CREDENTIALS), withStaleAuthHeaders());
    assertEquals(List.of("Bearer " + Servers.TOKEN), r.getHeaders().values("Authorization"));
    assertNull(r.getHeader("X-Auth-Email"));
    assertNull(r.getHeader("X-Auth-Key"));
    assertNull(r.getHeader("X-Auth-User-Service-Key"));
    assertEquals("baton-cloudflare/test", r.getHeader("User-Agent"));
  }

  @Test
  void globalKeyModeSendsEmailAndKeyAndNoAuthorization() throws Exception {
    Credentials key = new Credentials.GlobalApiKey("ops@example.com", Secret.of("k3y-SECRET"));
    RecordedRequest r = send(client(key), withStaleAuthHeaders());
    assertEquals(List.of("ops@example.com"), r.getHeaders().values("X-Auth-Email"));
    assertEquals(List.of("k3y-SECRET"), r.getHeaders().values("X-Auth-Key"));
    assertNull(r.getHeader("Authorization"));
    assertNull(r.getHeader("X-Auth-User-Service-Key"));
  }

  @Test
  void plainRequestGetsExactlyOneScheme() throws Exception {
    RecordedRequest r =
        send(client(Servers.TOKEN_CREDENTIALS), Servers.get(server, "/accounts/abc"));
    assertEquals(List.of("Bearer " + Servers.TOKEN), r.getHeaders().values("Authorization"));
    assertNull(r.getHeader("X-Auth-Key"));
  }

  @Test
  void aKeyWithATrailingNewlineIsRefusedWithoutQuotingIt() throws Exception {
    Credentials bad = new Credentials.GlobalApiKey("ops@example.com", Secret.of("k3y-SECRET\n"));
    CloudflareException e = Servers.failureOf(client(bad), Servers.get(server, "/accounts/abc"));
    assertInstanceOf(CloudflareException.Transport.class, e);
    assertEquals(
        "could not reach Cloudflare: request not sent: the API key is empty or contains "
            + "spaces, line breaks or non-ASCII characters (check for a trailing newline) "
            + "(GET /client/v4/accounts/abc)",
        e.getMessage());
    assertFalse(e.toString().contains("k3y-SECRET"));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void anEmptyTokenIsRefused() {
    CloudflareException e =
        Servers.failureOf(
            client(new Credentials.ApiToken(Secret.of(""))), Servers.get(server, "/accounts/abc"));
    assertInstanceOf(CloudflareException.Transport.class, e);
    assertTrue(e.getMessage().contains("the API token is empty"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
