package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSettingsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.cloudflare.com/client/v4",
        "https://api.cloudflare.com/client/v4/",
        "https://example.com",
        "http://127.0.0.1",
        "http://127.0.0.1:8080/client/v4",
        "http://127.200.3.4:1/x",
        "http://localhost:1234/client/v4",
        "http://[::1]:9999/client/v4"
      })
  void acceptsHttpsAndLoopbackHttp(String url) {
    HttpSettings.validateBaseUrl(url);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://example.com|base URL http://example.com:80/ uses plain http: use https (plain http is allowed only for 127.0.0.1, ::1 or localhost)",
        "http://api.cloudflare.com/client/v4|base URL http://api.cloudflare.com:80/client/v4 uses plain http: use https (plain http is allowed only for 127.0.0.1, ::1 or localhost)",
        "http://128.0.0.1/|base URL http://128.0.0.1:80/ uses plain http: use https (plain http is allowed only for 127.0.0.1, ::1 or localhost)",
        "http://127.0.0.1.nip.io/|base URL http://127.0.0.1.nip.io:80/ uses plain http: use https (plain http is allowed only for 127.0.0.1, ::1 or localhost)",
        "http://localhost.example.com/|base URL http://localhost.example.com:80/ uses plain http: use https (plain http is allowed only for 127.0.0.1, ::1 or localhost)",
        "not a url|base URL is not a valid http(s) URL: use the form https://api.cloudflare.com/client/v4",
        "ftp://api.cloudflare.com/client/v4|base URL is not a valid http(s) URL: use the form https://api.cloudflare.com/client/v4",
        "https://|base URL is not a valid http(s) URL: use the form https://api.cloudflare.com/client/v4",
        "https://api.cloudflare.com/client/v4?x=1|base URL https://api.cloudflare.com:443/client/v4 must not have a query (?...) or fragment (#...): use the form https://api.cloudflare.com/client/v4",
        "https://me:hunter2@api.cloudflare.com/client/v4|base URL must not contain user:password@; pass credentials with --api-token or --email and --api-key",
        "'   '|base URL is empty: set it to https://api.cloudflare.com/client/v4 or leave it unset"
      })
  void refusesWithAOneLineMessage(String url, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HttpSettings.validateBaseUrl(url));
    assertEquals(message, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void garbageIsNotEchoedBecauseItMayBeATokenInTheWrongFlag() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> HttpSettings.validateBaseUrl(Servers.TOKEN));
    assertFalse(e.getMessage().contains(Servers.TOKEN));
    assertThrows(IllegalArgumentException.class, () -> HttpSettings.validateBaseUrl(null));
  }

  @Test
  void defaults() {
    HttpSettings s =
        HttpSettings.defaults(HttpSettings.DEFAULT_BASE_URL, Servers.TOKEN_CREDENTIALS);
    assertEquals(Duration.ofSeconds(10), s.connectTimeout());
    assertEquals(Duration.ofSeconds(60), s.readTimeout());
    assertEquals(Duration.ofSeconds(120), s.callTimeout());
    assertEquals(Duration.ofMinutes(6), s.retryDeadline());
    assertEquals(8, s.maxAttempts());
    assertEquals(new RateBudget(1100, Duration.ofSeconds(300)), s.budget());
    assertEquals(50, s.perSecondCap());
    assertTrue(s.userAgent().startsWith("baton-cloudflare/"));
    assertEquals("https://api.cloudflare.com/client/v4/", s.httpUrl().toString());
  }

  @Test
  void constructorValidates() {
    HttpSettings s =
        HttpSettings.defaults(HttpSettings.DEFAULT_BASE_URL, Servers.TOKEN_CREDENTIALS);
    assertThrows(IllegalArgumentException.class, () -> s.withRetry(Duration.ofMinutes(1), 0));
    assertThrows(IllegalArgumentException.class, () -> s.withRetry(Duration.ofSeconds(-1), 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> s.withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> s.withRateLimits(s.budget(), 0));
    assertThrows(IllegalArgumentException.class, () -> new RateBudget(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new RateBudget(10, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> s.withUserAgent(" "));
    assertThrows(
        IllegalArgumentException.class,
        () -> HttpSettings.defaults("http://example.com", Servers.TOKEN_CREDENTIALS));
  }

  @Test
  void httpUrlAlwaysEndsWithSlash() {
    assertEquals(
        "http://127.0.0.1:5/client/v4/",
        HttpSettings.defaults("http://127.0.0.1:5/client/v4", Servers.TOKEN_CREDENTIALS)
            .httpUrl()
            .toString());
    assertEquals(
        "http://127.0.0.1:5/client/v4/",
        HttpSettings.defaults("http://127.0.0.1:5/client/v4/", Servers.TOKEN_CREDENTIALS)
            .httpUrl()
            .toString());
  }

  @Test
  void toStringNeverShowsSecrets() {
    String token =
        HttpSettings.defaults(HttpSettings.DEFAULT_BASE_URL, Servers.TOKEN_CREDENTIALS).toString();
    assertFalse(token.contains(Servers.TOKEN), token);
    assertTrue(token.contains("credentials=API token"), token);

    String key =
        HttpSettings.defaults(
                HttpSettings.DEFAULT_BASE_URL,
                new Credentials.GlobalApiKey("ops@example.com", Secret.of("key-abcdef-SECRET")))
            .toString();
    assertFalse(key.contains("key-abcdef-SECRET"), key);
    assertTrue(key.contains("global API key of ops@example.com"), key);
    assertTrue(key.contains("budget=1100 requests / 300s"), key);
  }
}
