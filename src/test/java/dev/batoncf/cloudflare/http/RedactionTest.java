package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Makes calls of every outcome with known secrets, logging at TRACE, and looks for them. */
class RedactionTest {
  private static final String KEY = "gk-5e3f9a1b2c-SECRET";
  private static final String OK = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{}}";

  private MockWebServer server;
  private Logger httpLogger;
  private Level previousLevel;
  private ListAppender<ILoggingEvent> appender;
  private final List<String> texts = new ArrayList<>();

  @BeforeEach
  void capture() throws IOException {
    server = Servers.start();
    httpLogger = (Logger) LoggerFactory.getLogger("dev.batoncf.cloudflare.http");
    previousLevel = httpLogger.getLevel();
    httpLogger.setLevel(Level.TRACE);
    appender = new ListAppender<>();
    appender.start();
    httpLogger.addAppender(appender);
  }

  @AfterEach
  void release() throws IOException {
    httpLogger.detachAppender(appender);
    httpLogger.setLevel(previousLevel);
    server.shutdown();
  }

  @Test
  void tokenNeverAppearsInLogsOrExceptions() throws Exception {
    exercise(Servers.TOKEN_CREDENTIALS);
    RecordedRequest first = server.takeRequest();
    assertEquals("Bearer " + Servers.TOKEN, first.getHeader("Authorization"), "it was sent");
    assertNoSecret(Servers.TOKEN);
    assertLogged("Authorization: ****");
  }

  @Test
  void globalKeyNeverAppearsInLogsOrExceptions() throws Exception {
    exercise(new Credentials.GlobalApiKey("ops@example.com", Secret.of(KEY)));
    assertEquals(KEY, server.takeRequest().getHeader("X-Auth-Key"), "it was sent");
    assertNoSecret(KEY);
    assertLogged("X-Auth-Key: ****");
  }

  /** Success, auth failure, rate limit + retry, server error, cookies, refusal, no connection. */
  private void exercise(Credentials credentials) throws Exception {
    HttpSettings settings =
        HttpSettings.defaults(Servers.baseUrl(server), credentials)
            .withRetry(Duration.ofSeconds(30), 2);
    texts.add(settings.toString());
    texts.add(credentials.toString());
    FakeTime time = new FakeTime();
    OkHttpClient client =
        CloudflareHttp.build(
            settings,
            new SlidingWindowRateLimiter(settings.budget(), settings.perSecondCap(), time, time),
            new RequestMetrics(),
            HttpEvents.none(),
            time.runtime(0.5));

    server.enqueue(new MockResponse().setBody(OK).setHeader("Set-Cookie", "__cf_bm=abc; path=/"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setBody(
                "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}]}"));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("retry-after", "1"));
    server.enqueue(new MockResponse().setBody(OK));
    server.enqueue(new MockResponse().setResponseCode(500).setBody("oops"));
    server.enqueue(new MockResponse().setResponseCode(500).setBody("oops"));

    Request withCookie =
        Servers.get(server, "/user/tokens/verify")
            .newBuilder()
            .header("Cookie", "session=xyz")
            .build();
    record(Servers.failureOf(client, withCookie));
    record(Servers.failureOf(client, Servers.get(server, "/accounts/a1")));
    record(Servers.failureOf(client, Servers.get(server, "/accounts/a1/roles?page=1")));
    record(Servers.failureOf(client, Servers.get(server, "/accounts/a1/members")));
    record(
        Servers.failureOf(
            client,
            new Request.Builder()
                .url("http://127.0.0.1:" + Servers.closedPort() + "/client/v4/x")
                .build()));

    int closed = Servers.closedPort();
    OkHttpClient unreachable =
        CloudflareHttp.build(
            HttpSettings.defaults("http://127.0.0.1:" + closed + "/client/v4", credentials)
                .withRetry(Duration.ofSeconds(30), 2),
            RateLimiter.unlimited(),
            new RequestMetrics(),
            HttpEvents.none(),
            time.runtime(0.5));
    record(
        Servers.failureOf(
            unreachable,
            new Request.Builder().url("http://127.0.0.1:" + closed + "/client/v4/user").build()));

    for (ILoggingEvent event : appender.list) {
      texts.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    assertTrue(appender.list.size() >= 10, "logging ran: " + appender.list.size() + " events");
  }

  private void record(CloudflareException e) {
    if (e == null) {
      return;
    }
    texts.add(e.getMessage());
    texts.add(e.toString());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    texts.add(trace.toString());
  }

  private void assertNoSecret(String secret) {
    assertTrue(texts.size() > 10);
    for (String text : texts) {
      assertNotNull(text);
      assertFalse(text.contains(secret), "secret leaked in: " + text);
      assertFalse(text.contains("session=xyz"), "cookie leaked in: " + text);
      assertFalse(text.contains("__cf_bm=abc"), "set-cookie leaked in: " + text);
    }
  }

  private void assertLogged(String fragment) {
    assertTrue(
        texts.stream().anyMatch(t -> t.contains(fragment)),
        "expected a TRACE header line containing '" + fragment + "'");
    assertTrue(texts.stream().anyMatch(t -> t.contains("Cookie: ****")));
    assertTrue(texts.stream().anyMatch(t -> t.contains("Set-Cookie: ****")));
  }
}
