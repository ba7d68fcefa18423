package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.CloudflareException;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlGuardTest {
  private MockWebServer configured;
  private MockWebServer other;
  private RequestMetrics metrics;
  private OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    configured = Servers.start();
    other = Servers.start();
    metrics = new RequestMetrics();
    client =
        CloudflareHttp.build(
            HttpSettings.defaults(Servers.baseUrl(configured), Servers.TOKEN_CREDENTIALS),
            RateLimiter.unlimited(),
            metrics,
            HttpEvents.none());
  }

  @AfterEach
  void stop() throws IOException {
    configured.shutdown();
    other.shutdown();
  }

  @Test
  void anotherPortReceivesNothing() {
    other.enqueue(new MockResponse().setBody("{}"));
    Request toOther =
        new Request.Builder()
            .url("http://127.0.0.1:" + other.getPort() + "/client/v4/accounts")
            .build();
    CloudflareIOException e =
        assertThrows(CloudflareIOException.class, () -> client.newCall(toOther).execute());
    assertEquals(0, other.getRequestCount());
    assertEquals(0, configured.getRequestCount());
    assertEquals(0, metrics.totalAttempts(), "refused before the retry and metrics layers");

    CloudflareException failure = ErrorClassifier.fromIOException("GET /accounts", e);
    assertInstanceOf(CloudflareException.Transport.class, failure);
    assertEquals(
        "could not reach Cloudflare: refused to send a request to http://127.0.0.1:"
            + other.getPort()
            + "/client/v4/accounts: credentials only go to the configured base URL "
            + "http://127.0.0.1:"
            + configured.getPort()
            + "/client/v4/ "
            + "(GET /client/v4/accounts)",
        failure.getMessage());
    assertFalse(failure.getMessage().contains(Servers.TOKEN));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/other/accounts",
        "/client/v40/accounts",
        "/client/accounts",
        "/",
        "/client/v4/../v5/accounts"
      })
  void pathsOutsideTheBasePathAreRefused(String path) {
    configured.enqueue(new MockResponse().setBody("{}"));
    Request request =
        new Request.Builder().url("http://127.0.0.1:" + configured.getPort() + path).build();
    assertThrows(CloudflareIOException.class, () -> client.newCall(request).execute());
    assertEquals(0, configured.getRequestCount());
  }

  @Test
  void pathsUnderTheBasePathGoThrough() throws Exception {
    configured.enqueue(new MockResponse().setBody("{}"));
    configured.enqueue(new MockResponse().setBody("{}"));
    client.newCall(Servers.get(configured, "/accounts/1/members")).execute().close();
    client.newCall(Servers.get(configured, "")).execute().close();
    assertEquals(2, configured.getRequestCount());
  }

  @Test
  void schemeHostAndPortMustAllMatch() {
    BaseUrlGuard guard = new BaseUrlGuard(HttpUrl.get("https://api.cloudflare.com/client/v4/"));
    assertTrue(guard.allows(HttpUrl.get("https://api.cloudflare.com/client/v4/user")));
    assertTrue(guard.allows(HttpUrl.get("https://API.cloudflare.com:443/client/v4")));
    assertFalse(guard.allows(HttpUrl.get("http://api.cloudflare.com/client/v4/user")));
    assertFalse(guard.allows(HttpUrl.get("https://api.cloudflare.com:8443/client/v4/user")));
    assertFalse(guard.allows(HttpUrl.get("https://api.cloudflare.com.evil.com/client/v4/user")));
    assertFalse(guard.allows(HttpUrl.get("https://evil.com/client/v4/user")));
    assertFalse(guard.allows(HttpUrl.get("https://api.cloudflare.com/client/v4%2F..%2Fx")));
  }
}
