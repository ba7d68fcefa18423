package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.CloudflareException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryInterceptorTest {
  private static final String OK = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{}}";
  private static final String THROTTLED =
      "{\"success\":false,\"errors\":[{\"code\":971,"
          + "\"message\":\"Please wait and consider throttling your request speed\"}]}";
  private static final String SERVER_ERROR =
      "{\"success\":false,\"errors\":[{\"code\":10001,\"message\":\"service unavailable\"}]}";

  private MockWebServer server;
  private FakeTime time;
  private RequestMetrics metrics;
  private RecordingEvents events;

  @BeforeEach
  void start() throws IOException {
    server = Servers.start();
    time = new FakeTime();
    metrics = new RequestMetrics();
    events = new RecordingEvents();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private HttpSettings settings() {
    return HttpSettings.defaults(Servers.baseUrl(server), Servers.TOKEN_CREDENTIALS);
  }

  /** Fake time (no real waiting), jitter 1.0 so backoff is exactly 500 ms, 1 s, 2 s, ... */
  private OkHttpClient fakeTimeClient(HttpSettings settings, SlidingWindowRateLimiter limiter) {
    return CloudflareHttp.build(settings, limiter, metrics, events, time.runtime(1.0));
  }

  private SlidingWindowRateLimiter fakeLimiter() {
    return new SlidingWindowRateLimiter(RateBudget.CLOUDFLARE_DEFAULT, 50, time, time);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setBody(body)
        .setHeader("Content-Type", "application/json");
  }

  private Request call(String method) {
    RequestBody body =
        method.equals("GET") || method.equals("DELETE")
            ? null
            : RequestBody.create("{}", MediaType.get("application/json"));
    return Servers.get(server, "/accounts/a1/members").newBuilder().method(method, body).build();
  }

  @Test
  void rateLimitedWithRetryAfterWaitsForRealAndPausesTheSharedLimiter() throws Exception {
    server.enqueue(json(429, THROTTLED).setHeader("retry-after", "1"));
    server.enqueue(json(200, OK));
    SlidingWindowRateLimiter limiter = SlidingWindowRateLimiter.forSettings(settings());
    OkHttpClient client = CloudflareHttp.build(settings(), limiter, metrics, events);

    Instant before = MonotonicClock.system().instant();
    long start = System.nanoTime();
    assertNull(Servers.failureOf(client, call("GET")));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(elapsedMs >= 1000, "waited " + elapsedMs + " ms");
    assertEquals(2, server.getRequestCount());
    assertEquals(1, limiter.stats().pauses());
    Instant paused = limiter.stats().pausedUntil();
    assertTrue(!paused.isBefore(before.plusSeconds(1)), "paused until " + paused);
    assertEquals(2, limiter.stats().acquired(), "every attempt passes through the limiter");
    assertEquals(1, metrics.retries());
    assertEquals(1, metrics.rateLimitedResponses());
    assertEquals(2, metrics.totalAttempts());
    assertEquals(1, metrics.totalCalls());
    assertTrue(metrics.totalRateLimitWait().compareTo(Duration.ofSeconds(1)) >= 0);
    assertTrue(
        events.lines().contains("retry GET /client/v4/accounts/a1/members HTTP 429 1s"),
        events.lines().toString());
  }

  @Test
  void rateLimitBeyondTheDeadlineReturnsRateLimitedWithRetryAfterAndStillPauses() {
    server.enqueue(json(429, THROTTLED).setHeader("retry-after", "300"));
    SlidingWindowRateLimiter limiter = fakeLimiter();
    Instant start = time.instant();
    CloudflareException e =
        Servers.failureOf(
            fakeTimeClient(settings().withRetry(Duration.ofSeconds(60), 8), limiter), call("GET"));

    CloudflareException.RateLimited limited =
        assertInstanceOf(CloudflareException.RateLimited.class, e);
    assertEquals(Optional.of(Duration.ofSeconds(300)), limited.retryAfter());
    assertTrue(limited.hasCode(971));
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), time.sleeps(), "never sleeps past the deadline");
    assertEquals(start.plusSeconds(300), limiter.stats().pausedUntil());
  }

  @Test
  void theDefaultDeadlineWaitsOutAFiveMinuteLockout() {
    server.enqueue(json(429, THROTTLED).setHeader("retry-after", "300"));
    server.enqueue(json(200, OK));
    assertNull(Servers.failureOf(fakeTimeClient(settings(), fakeLimiter()), call("GET")));
    assertEquals(List.of(Duration.ofSeconds(300)), time.sleeps());
    assertEquals(Duration.ofSeconds(300), metrics.totalRateLimitWait());
  }

  @Test
  void rateLimitWithoutRetryAfterUsesTheRatelimitResetThenTheLockout() {
    server.enqueue(json(429, THROTTLED).setHeader("Ratelimit", "\"default\";r=0;t=7"));
    server.enqueue(json(429, THROTTLED));
    server.enqueue(json(200, OK));
    assertNull(Servers.failureOf(fakeTimeClient(settings(), fakeLimiter()), call("GET")));
    // A 429 naming no wait is Cloudflare's 5-minute block, not a reason for fast backoff.
    assertEquals(List.of(Duration.ofSeconds(7), Duration.ofMinutes(5)), time.sleeps());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aBare429WaitsOutTheConfiguredLockoutAndPausesEveryCaller() {
    server.enqueue(json(429, THROTTLED));
    server.enqueue(json(200, OK));
    SlidingWindowRateLimiter limiter = fakeLimiter();
    Instant start = time.instant();
    HttpSettings s = settings().withRateLimitLockout(Duration.ofSeconds(2));
    assertNull(Servers.failureOf(fakeTimeClient(s, limiter), call("GET")));
    assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
    assertEquals(start.plusSeconds(2), limiter.stats().pausedUntil());
    assertEquals(Duration.ofSeconds(2), metrics.totalRateLimitWait());
  }

  @Test
  void aBare429BeyondTheDeadlineFailsAtOnceSayingWhenToRetry() {
    server.enqueue(json(429, THROTTLED));
    server.enqueue(json(200, OK));
    SlidingWindowRateLimiter limiter = fakeLimiter();
    Instant start = time.instant();
    CloudflareException e =
        Servers.failureOf(
            fakeTimeClient(settings().withRetry(Duration.ofSeconds(60), 8), limiter), call("GET"));

    CloudflareException.RateLimited limited =
        assertInstanceOf(CloudflareException.RateLimited.class, e);
    assertEquals(
        "Cloudflare rate limit (HTTP 429) without a stated wait: taken as Cloudflare's "
            + "300s lockout, longer than the retry deadline of 60s allows; retry after "
            + "2025-01-01T00:05:00Z (GET /client/v4/accounts/a1/members -> HTTP 429): 971 Please "
            + "wait and consider throttling your request speed",
        limited.getMessage());
    assertEquals(Optional.of(Duration.ofMinutes(5)), limited.retryAfter());
    assertEquals(List.of(), time.sleeps(), "no useless sleeping");
    assertEquals(1, server.getRequestCount());
    assertEquals(start.plus(Duration.ofMinutes(5)), limiter.stats().pausedUntil());
  }

  @Test
  void aPauseLongerThanTheDeadlineFailsTheNextCallBeforeSendingAnything() {
    SlidingWindowRateLimiter limiter = fakeLimiter();
    Instant start = time.instant();
    limiter.pauseUntil(start.plusSeconds(200));
    HttpSettings s = settings().withRetry(Duration.ofSeconds(100), 8);
    CloudflareException e = Servers.failureOf(fakeTimeClient(s, limiter), call("GET"));

    CloudflareException.RateLimited limited =
        assertInstanceOf(CloudflareException.RateLimited.class, e);
    assertEquals(
        "Cloudflare rate limit: requests with this credential are paused for another "
            + "200s after a 429, longer than the retry deadline of 100s allows; retry after "
            + "2025-01-01T00:03:20Z (GET /client/v4/accounts/a1/members -> HTTP 429)",
        limited.getMessage());
    assertEquals(Optional.of(Duration.ofSeconds(200)), limited.retryAfter());
    assertEquals(0, server.getRequestCount());
    assertEquals(List.of(), time.sleeps());

    // A pause the deadline covers is waited out by the limiter, then the call goes through.
    server.enqueue(json(200, OK));
    assertNull(Servers.failureOf(fakeTimeClient(settings(), limiter), call("GET")));
    assertEquals(List.of(Duration.ofSeconds(200)), time.sleeps());
  }

  @Test
  void rateLimitedAfterTheLastAttemptSaysSoAndWhenToRetry() {
    server.enqueue(json(429, THROTTLED).setHeader("retry-after", "2"));
    server.enqueue(json(429, THROTTLED).setHeader("retry-after", "2"));
    CloudflareException e =
        Servers.failureOf(
            fakeTimeClient(settings().withRetry(Duration.ofMinutes(6), 2), fakeLimiter()),
            call("GET"));
    assertEquals(
        "Cloudflare rate limit (HTTP 429) still in force after 2 attempts; retry after "
            + "2025-01-01T00:00:04Z (GET /client/v4/accounts/a1/members -> HTTP 429): 971 Please "
            + "wait and consider throttling your request speed",
        e.getMessage());
    assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoff() {
    server.enqueue(json(503, SERVER_ERROR));
    server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad gateway</html>"));
    server.enqueue(json(200, OK));
    SlidingWindowRateLimiter limiter = fakeLimiter();
    assertNull(Servers.failureOf(fakeTimeClient(settings(), limiter), call("GET")));
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), time.sleeps());
    assertEquals(3, limiter.stats().acquired());
    assertEquals(3, metrics.totalAttempts());
    assertEquals(1, metrics.totalCalls());
    assertEquals(2, metrics.retries());
    String ep = "GET /client/v4/accounts/a1/members";
    assertEquals(
        List.of(
            "call " + ep,
            "attempt " + ep + " 503",
            "retry " + ep + " HTTP 503 500ms",
            "attempt " + ep + " 502",
            "retry " + ep + " HTTP 502 1s",
            "attempt " + ep + " 200"),
        events.lines());
  }

  @Test
  void serverErrorRetryAfterIsHonoured() {
    server.enqueue(json(503, SERVER_ERROR).setHeader("Retry-After", "2"));
    server.enqueue(json(200, OK));
    assertNull(Servers.failureOf(fakeTimeClient(settings(), fakeLimiter()), call("GET")));
    assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422, 501})
  void otherClientErrorsAreNeverRetried(int status) {
    server.enqueue(
        json(status, "{\"success\":false,\"errors\":[{\"code\":1000,\"message\":\"x\"}]}"));
    server.enqueue(json(200, OK));
    CloudflareException e =
        Servers.failureOf(fakeTimeClient(settings(), fakeLimiter()), call("GET"));
    assertNotNull(e);
    assertEquals(status, e.httpStatus());
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), time.sleeps());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PATCH"})
  void nonIdempotentWritesAreNotRetriedOnServerErrors(String method) {
    server.enqueue(json(500, SERVER_ERROR));
    server.enqueue(json(200, OK));
    CloudflareException e =
        Servers.failureOf(fakeTimeClient(settings(), fakeLimiter()), call(method));
    assertInstanceOf(CloudflareException.ServerError.class, e);
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void postIsRetriedOnRateLimit() {
    server.enqueue(json(429, THROTTLED).setHeader("retry-after", "3"));
    server.enqueue(json(200, OK));
    assertNull(Servers.failureOf(fakeTimeClient(settings(), fakeLimiter()), call("POST")));
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE"})
  void idempotentWritesAreRetried(String method) throws Exception {
    server.enqueue(json(500, SERVER_ERROR));
    server.enqueue(json(200, OK));
    assertNull(Servers.failureOf(fakeTimeClient(settings(), fakeLimiter()), call(method)));
    assertEquals(2, server.getRequestCount());
    assertEquals(method, server.takeRequest().getMethod());
  }

  @Test
  void attemptsAreBoundedByMaxAttempts() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, SERVER_ERROR));
    }
    CloudflareException e =
        Servers.failureOf(
            fakeTimeClient(settings().withRetry(Duration.ofMinutes(6), 3), fakeLimiter()),
            call("GET"));
    assertInstanceOf(CloudflareException.ServerError.class, e);
    assertEquals(503, e.httpStatus());
    assertTrue(e.hasCode(10001));
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), time.sleeps());
  }

  @Test
  void backoffNeverSleepsPastTheDeadline() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(503, SERVER_ERROR));
    }
    CloudflareException e =
        Servers.failureOf(
            fakeTimeClient(settings().withRetry(Duration.ofMillis(1200), 8), fakeLimiter()),
            call("GET"));
    assertInstanceOf(CloudflareException.ServerError.class, e);
    // 500 ms fits in 1.2 s; the next 1 s backoff would end at 1.5 s, so it stops.
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(Duration.ofMillis(500)), time.sleeps());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST"})
  void connectionRefusedBeforeAnyAnswerFailsAtOnceNamingTheBaseUrl(String method)
      throws IOException {
    int port = Servers.closedPort();
    String base = "http://127.0.0.1:" + port + "/client/v4";
    HttpSettings s =
        HttpSettings.defaults(base, Servers.TOKEN_CREDENTIALS).withRetry(Duration.ofMinutes(6), 3);
    CloudflareException e =
        Servers.failureOf(fakeTimeClient(s, fakeLimiter()), request(base + "/accounts", method));

    assertInstanceOf(CloudflareException.Transport.class, e);
    assertEquals(
        "could not reach Cloudflare: connection refused to 127.0.0.1:"
            + port
            + " (nothing has answered at "
            + base
            + " yet, so not retrying: check the base URL) ("
            + method
            + " /client/v4/accounts)",
        e.getMessage());
    assertEquals(1, metrics.totalAttempts());
    assertEquals(List.of(), time.sleeps());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST"})
  void connectionRefusedAfterAnAnswerIsTransientAndRetried(String method) throws IOException {
    server.enqueue(json(200, OK));
    String base = Servers.baseUrl(server);
    HttpSettings s =
        HttpSettings.defaults(base, Servers.TOKEN_CREDENTIALS).withRetry(Duration.ofMinutes(6), 3);
    OkHttpClient client = fakeTimeClient(s, fakeLimiter());
    assertNull(Servers.failureOf(client, call("GET")));
    server.shutdown(); // the same address now refuses connections
    client.connectionPool().evictAll();

    CloudflareException e = Servers.failureOf(client, request(base + "/accounts", method));
    assertInstanceOf(CloudflareException.Transport.class, e);
    assertTrue(e.getMessage().contains("(gave up after 3 attempts)"), e.getMessage());
    assertEquals(4, metrics.totalAttempts(), "one success, then three tries");
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), time.sleeps());
  }

  private static Request request(String url, String method) {
    return new Request.Builder()
        .url(url)
        .method(method, method.equals("GET") ? null : RequestBody.create(new byte[0]))
        .build();
  }

  @Test
  void postReadTimeoutIsNotRetriedBecauseItMayHaveBeenApplied() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(json(200, OK));
    HttpSettings s =
        settings()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(10));
    CloudflareException e = Servers.failureOf(fakeTimeClient(s, fakeLimiter()), call("POST"));
    assertInstanceOf(CloudflareException.Transport.class, e);
    assertEquals(
        "could not reach Cloudflare: timed out waiting for the response after 500ms "
            + "(not retried: POST is not idempotent and may have reached Cloudflare) "
            + "(POST /client/v4/accounts/a1/members)",
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void getReadTimeoutIsRetried() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(json(200, OK));
    HttpSettings s =
        settings()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(10));
    assertNull(Servers.failureOf(fakeTimeClient(s, fakeLimiter()), call("GET")));
    assertEquals(2, server.getRequestCount());
    assertEquals(1, metrics.failedAttempts());
  }

  @Test
  void ratelimitHeaderWithNothingRemainingPausesBeforeA429() {
    server.enqueue(json(200, OK).setHeader("Ratelimit", "\"default\";r=0;t=20"));
    server.enqueue(json(200, OK).setHeader("Ratelimit", "\"default\";r=49;t=20"));
    SlidingWindowRateLimiter limiter = fakeLimiter();
    OkHttpClient client = fakeTimeClient(settings(), limiter);
    Instant start = time.instant();
    assertNull(Servers.failureOf(client, call("GET")));
    assertEquals(start.plusSeconds(20), limiter.stats().pausedUntil());
    assertNull(Servers.failureOf(client, call("GET")));
    assertEquals(List.of(Duration.ofSeconds(20)), time.sleeps(), "second call waited the reset");
    assertEquals(1, limiter.stats().pauses());
  }
}
