package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;

class RequestMetricsTest {
  private static final String OK = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[]}";

  /** The shape the real Retrofit interface has: relative paths under the base URL. */
  interface MiniApi {
    @GET("accounts/{account_id}/members")
    Call<ResponseBody> members(@Path("account_id") String account, @Query("page") int page);

    @PUT("accounts/{account_id}/members/{member_id}")
    Call<ResponseBody> updateMember(
        @Path("account_id") String account,
        @Path("member_id") String member,
        @retrofit2.http.Body okhttp3.RequestBody body);
  }

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = Servers.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void countsCallsAndAttemptsPerRetrofitTemplate() throws Exception {
    FakeTime time = new FakeTime();
    RequestMetrics metrics = new RequestMetrics();
    RecordingEvents events = new RecordingEvents();
    HttpSettings settings =
        HttpSettings.defaults(Servers.baseUrl(server), Servers.TOKEN_CREDENTIALS);
    OkHttpClient client =
        CloudflareHttp.build(
            settings,
            new SlidingWindowRateLimiter(settings.budget(), settings.perSecondCap(), time, time),
            metrics,
            events,
            time.runtime(1.0));
    MiniApi api =
        new Retrofit.Builder()
            .baseUrl(settings.httpUrl())
            .client(client)
            .build()
            .create(MiniApi.class);

    server.enqueue(new MockResponse().setBody(OK));
    server.enqueue(new MockResponse().setResponseCode(503).setBody("{}"));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("retry-after", "2"));
    server.enqueue(new MockResponse().setBody(OK));
    server.enqueue(new MockResponse().setBody(OK));

    assertOk(api.members("a1", 1).execute());
    assertOk(api.members("a1", 2).execute()); // 503, 429, then 200
    assertOk(
        api.updateMember(
                "a1",
                "m1",
                okhttp3.RequestBody.create(
                    "{\"roles\":[]}", okhttp3.MediaType.get("application/json")))
            .execute());

    String list = "GET /accounts/{account_id}/members";
    String put = "PUT /accounts/{account_id}/members/{member_id}";
    assertEquals(Map.of(list, 2L, put, 1L), metrics.callsByEndpoint());
    assertEquals(Map.of(list, 4L, put, 1L), metrics.attemptsByEndpoint());
    assertEquals(3, metrics.totalCalls());
    assertEquals(5, metrics.totalAttempts());
    assertEquals(2, metrics.retries());
    assertEquals(1, metrics.rateLimitedResponses());
    assertEquals(0, metrics.failedAttempts());
    assertEquals(Duration.ofSeconds(2), metrics.totalRateLimitWait());
    assertEquals(Duration.ofMillis(2500), metrics.totalRetryWait(), "500 ms backoff + 2 s");
    assertEquals(5, server.getRequestCount());
    assertEquals("/client/v4/accounts/a1/members?page=2", takePath(4));
    assertEquals(
        List.of(
            "call " + list,
            "attempt " + list + " 200",
            "call " + list,
            "attempt " + list + " 503",
            "retry " + list + " HTTP 503 500ms",
            "attempt " + list + " 429",
            "retry " + list + " HTTP 429 2s",
            "rate-limit wait 2s",
            "attempt " + list + " 200",
            "call " + put,
            "attempt " + put + " 200"),
        events.lines());
    assertTrue(
        metrics.toString().startsWith("3 calls, 5 attempts, 2 retries, 1 x 429"),
        metrics.toString());
  }

  @Test
  void aThrowingListenerDoesNotBreakTheCall() throws Exception {
    RequestMetrics metrics = new RequestMetrics();
    HttpEvents broken =
        new HttpEvents() {
          @Override
          public void onAttempt(String endpoint, int status, Duration elapsed) {
            throw new IllegalStateException("listener bug");
          }
        };
    HttpSettings settings =
        HttpSettings.defaults(Servers.baseUrl(server), Servers.TOKEN_CREDENTIALS);
    OkHttpClient client = CloudflareHttp.build(settings, RateLimiter.unlimited(), metrics, broken);
    MiniApi api =
        new Retrofit.Builder()
            .baseUrl(settings.httpUrl())
            .client(client)
            .build()
            .create(MiniApi.class);
    server.enqueue(new MockResponse().setBody(OK));
    assertOk(api.members("a1", 1).execute());
    assertEquals(1, metrics.totalAttempts());
  }

  private String takePath(int n) throws InterruptedException {
    String path = null;
    for (int i = 0; i < n; i++) {
      path = server.takeRequest().getPath();
    }
    return path;
  }

  private static void assertOk(Response<ResponseBody> r) throws IOException {
    assertEquals(200, r.code());
    try (ResponseBody body = r.body()) {
      assertEquals(OK, body.string());
    }
  }
}
