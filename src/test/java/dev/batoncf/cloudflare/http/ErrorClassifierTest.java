package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.ApiError;
import dev.batoncf.cloudflare.CloudflareException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Headers;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Call;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.HTTP;
import retrofit2.http.Path;
import retrofit2.http.Url;

class ErrorClassifierTest {
  private static final String EP = "GET /accounts/{account_id}/members";
  private static final Headers NONE = Headers.of();

  private static String env(boolean success, String errors) {
    return "{\"success\":"
        + success
        + ",\"errors\":"
        + errors
        + ",\"messages\":[],\"result\":null}";
  }

  static Stream<Arguments> table() {
    String auth = env(false, "[{\"code\":10000,\"message\":\"Authentication error\"}]");
    return Stream.of(
        // status, body, expected type, expected errors
        Arguments.of(
            401,
            auth,
            CloudflareException.Unauthenticated.class,
            List.of(new ApiError(10000, "Authentication error"))),
        Arguments.of(
            400,
            auth,
            CloudflareException.Unauthenticated.class,
            List.of(new ApiError(10000, "Authentication error"))),
        Arguments.of(
            403,
            auth,
            CloudflareException.PermissionDenied.class,
            List.of(new ApiError(10000, "Authentication error"))),
        Arguments.of(
            403,
            env(
                false,
                "[{\"code\":9109,\"message\":\"Unauthorized to access requested resource\"}]"),
            CloudflareException.PermissionDenied.class,
            List.of(new ApiError(9109, "Unauthorized to access requested resource"))),
        Arguments.of(
            404,
            env(false, "[{\"code\":7003,\"message\":\"No route for the URI\"}]"),
            CloudflareException.NotFound.class,
            List.of(new ApiError(7003, "No route for the URI"))),
        // a 404 page instead of the envelope: not the API at all (wrong --base-url)
        Arguments.of(
            404,
            "<html><h1>404 Not Found</h1></html>",
            CloudflareException.NotTheApi.class,
            List.of()),
        Arguments.of(
            429,
            env(false, "[{\"code\":971,\"message\":\"slow down\"}]"),
            CloudflareException.RateLimited.class,
            List.of(new ApiError(971, "slow down"))),
        Arguments.of(
            429, "<html>rate limited</html>", CloudflareException.RateLimited.class, List.of()),
        Arguments.of(
            400,
            env(false, "[{\"code\":1001,\"message\":\"Invalid request\"}]"),
            CloudflareException.BadRequest.class,
            List.of(new ApiError(1001, "Invalid request"))),
        Arguments.of(
            409,
            env(false, "[{\"code\":1008,\"message\":\"already exists\"}]"),
            CloudflareException.BadRequest.class,
            List.of(new ApiError(1008, "already exists"))),
        Arguments.of(
            500,
            env(false, "[{\"code\":10001,\"message\":\"oops\"}]"),
            CloudflareException.ServerError.class,
            List.of(new ApiError(10001, "oops"))),
        Arguments.of(
            502,
            "<html><body>Bad gateway</body></html>",
            CloudflareException.ServerError.class,
            List.of()),
        Arguments.of(503, null, CloudflareException.ServerError.class, List.of()),
        Arguments.of(
            200,
            env(false, "[{\"code\":1008,\"message\":\"already exists\"}]"),
            CloudflareException.BadRequest.class,
            List.of(new ApiError(1008, "already exists"))),
        Arguments.of(200, "not json at all", CloudflareException.Malformed.class, List.of()),
        Arguments.of(200, "{\"success\":true,", CloudflareException.Malformed.class, List.of()),
        Arguments.of(200, "[1,2,3]", CloudflareException.Malformed.class, List.of()),
        Arguments.of(200, "{\"result\":{}}", CloudflareException.Malformed.class, List.of()),
        Arguments.of(200, "{\"success\":\"yes\"}", CloudflareException.Malformed.class, List.of()),
        Arguments.of(200, "", CloudflareException.Malformed.class, List.of()),
        Arguments.of(204, null, CloudflareException.Malformed.class, List.of()),
        Arguments.of(302, "", CloudflareException.Malformed.class, List.of()),
        // lenient errors[]: code as string, missing message, missing code, extra fields,
        // bare strings, null entries, non-numeric codes
        Arguments.of(
            400,
            env(
                false,
                "[{\"code\":\"7003\",\"message\":\"string code\",\"documentation_url\":\"x\","
                    + "\"source\":{\"pointer\":\"/a\"}}, {\"code\":1002}, {\"message\":\"no code\"}, \"bare\", null,"
                    + " {\"code\":\"abc\",\"message\":{\"nested\":1}}, {\"code\":1.5,\"message\":\"fraction\"}]"),
            CloudflareException.BadRequest.class,
            List.of(
                new ApiError(7003, "string code"),
                new ApiError(1002, ""),
                new ApiError(0, "no code"),
                new ApiError(0, "bare"),
                new ApiError(0, "{\"nested\":1}"),
                new ApiError(0, "fraction"))),
        Arguments.of(
            400,
            "{\"success\":false,\"errors\":{\"code\":1003,\"message\":\"single\"}}",
            CloudflareException.BadRequest.class,
            List.of(new ApiError(1003, "single"))),
        Arguments.of(
            400,
            "{\"success\":false,\"error\":\"flat error\"}",
            CloudflareException.BadRequest.class,
            List.of(new ApiError(0, "flat error"))));
  }

  @ParameterizedTest(name = "[{index}] HTTP {0} -> {2}")
  @MethodSource("table")
  void classifies(
      int status, String body, Class<? extends CloudflareException> type, List<ApiError> errors) {
    CloudflareException e = ErrorClassifier.classify(EP, status, body, NONE);
    assertInstanceOf(type, e);
    assertEquals(errors, e.errors());
    assertEquals(EP, e.endpoint());
    assertEquals(status, e.httpStatus(), "the status is kept, malformed or not");
  }

  @Test
  void messagesAreSpecific() {
    assertEquals(
        "malformed response from Cloudflare: body is not JSON (Content-Type text/html)"
            + " (GET /accounts/{account_id}/members -> HTTP 200)",
        ErrorClassifier.classify(EP, 200, "<html>", Headers.of("Content-Type", "text/html"))
            .getMessage());
    assertEquals(
        "malformed response from Cloudflare: JSON body is not a Cloudflare envelope "
            + "(no boolean \"success\") (GET /accounts/{account_id}/members -> HTTP 200)",
        ErrorClassifier.classify(EP, 200, "{}", NONE).getMessage());
    assertEquals(
        "Cloudflare refused the request (GET /accounts/{account_id}/members -> HTTP 200)"
            + ": 1008 already exists",
        ErrorClassifier.classify(
                EP, 200, env(false, "[{\"code\":1008,\"message\":\"already exists\"}]"), NONE)
            .getMessage());
    assertTrue(
        ErrorClassifier.classify(EP, 301, null, NONE)
            .getMessage()
            .contains("unexpected HTTP status 301 (redirects are not followed"));
  }

  @Test
  void successIsNotAFailure() {
    String ok = env(true, "[]");
    assertEquals(Optional.empty(), ErrorClassifier.check(EP, 200, ok, NONE));
    assertThrows(IllegalArgumentException.class, () -> ErrorClassifier.classify(EP, 200, ok, NONE));
  }

  @Test
  void rateLimitedCarriesTheServersWait() {
    CloudflareException.RateLimited a =
        (CloudflareException.RateLimited)
            ErrorClassifier.classify(EP, 429, null, Headers.of("retry-after", "42"));
    assertEquals(Optional.of(Duration.ofSeconds(42)), a.retryAfter());
    CloudflareException.RateLimited b =
        (CloudflareException.RateLimited)
            ErrorClassifier.classify(
                EP, 429, null, Headers.of("Ratelimit", "\"default\";r=0;t=30"));
    assertEquals(Optional.of(Duration.ofSeconds(30)), b.retryAfter());
    CloudflareException.RateLimited c =
        (CloudflareException.RateLimited)
            ErrorClassifier.classify(EP, 429, null, Headers.of("retry-after", "soon"));
    assertEquals(Optional.empty(), c.retryAfter());
    CloudflareException.RateLimited d =
        (CloudflareException.RateLimited) ErrorClassifier.classify(EP, 429, null, null);
    assertEquals(Optional.empty(), d.retryAfter());
  }

  interface Api {
    @GET("accounts/{account_id}/members?status=pending")
    Call<Void> pending(@Path("account_id") String account);

    @DELETE("/members/{member_id}")
    Call<Void> delete(@Path("member_id") String member);

    @HTTP(method = "DELETE", path = "accounts/{account_id}/access/groups/{id}")
    Call<Void> custom(@Path("account_id") String account, @Path("id") String id);

    @GET
    Call<Void> raw(@Url String url);
  }

  @Test
  void endpointComesFromTheRetrofitTemplate() {
    Api api =
        new retrofit2.Retrofit.Builder()
            .baseUrl("https://x.example/client/v4/")
            .build()
            .create(Api.class);
    assertEquals(
        "GET /accounts/{account_id}/members",
        ErrorClassifier.endpointOf(api.pending("a1").request()));
    assertEquals(
        "DELETE /members/{member_id}", ErrorClassifier.endpointOf(api.delete("m1").request()));
    assertEquals(
        "DELETE /accounts/{account_id}/access/groups/{id}",
        ErrorClassifier.endpointOf(api.custom("a1", "g1").request()));
    assertEquals(
        "GET /client/v4/zones/z1",
        ErrorClassifier.endpointOf(api.raw("zones/z1?page=2").request()));
    assertEquals(
        "PUT /client/v4/members/m1",
        ErrorClassifier.endpointOf(
            new Request.Builder()
                .url("https://x/client/v4/members/m1?x=1")
                .put(okhttp3.RequestBody.create(new byte[0]))
                .build()));
  }

  @Test
  void ioExceptionsSayWhatFailed() {
    assertEquals(
        "could not reach Cloudflare: unknown host api.example.invalid (GET /x)",
        ErrorClassifier.fromIOException(
                "GET /x",
                new UnknownHostException("api.example.invalid: Name or service not known"))
            .getMessage());
    assertEquals(
        "could not reach Cloudflare: timed out waiting for the response (GET /x)",
        ErrorClassifier.fromIOException("GET /x", new SocketTimeoutException("Read timed out"))
            .getMessage());
    assertEquals(
        "connect timed out after 10s",
        ErrorClassifier.describe(
            new SocketTimeoutException("Connect timed out"),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60)));
    assertEquals(
        "timed out waiting for the response after 60s",
        ErrorClassifier.describe(
            new SocketTimeoutException("timeout"), Duration.ofSeconds(10), Duration.ofSeconds(60)));
    assertEquals(
        "could not reach Cloudflare: TLS handshake failed (GET /x)",
        ErrorClassifier.fromIOException("GET /x", new SSLHandshakeException("PKIX path failed"))
            .getMessage());
    IOException wrapped =
        new IOException("outer", new java.net.ConnectException("Connection refused"));
    assertEquals("connection refused", ErrorClassifier.describe(wrapped, null, null));
    CloudflareException transport =
        ErrorClassifier.fromIOException("GET /x", new IOException("boom"));
    assertInstanceOf(CloudflareException.Transport.class, transport);
    assertEquals(0, transport.httpStatus());
    assertEquals("could not reach Cloudflare: IOException: boom (GET /x)", transport.getMessage());
  }

  @Test
  void stackExceptionsAreUnwrappedAndGsonFailuresAreMalformed() throws Exception {
    CloudflareException inner = new CloudflareException.Transport("GET /y", "refused", null);
    IOException callTimeout = new java.io.InterruptedIOException("timeout");
    callTimeout.initCause(new CloudflareIOException(inner)); // how OkHttp wraps a call timeout
    assertSame(inner, ErrorClassifier.fromIOException("GET /x", callTimeout));

    IOException gson =
        assertThrows(
            IOException.class,
            () ->
                new com.google.gson.Gson()
                    .getAdapter(Object.class)
                    .read(new com.google.gson.stream.JsonReader(new java.io.StringReader(""))));
    CloudflareException malformed = ErrorClassifier.fromIOException("GET /x", gson);
    assertInstanceOf(CloudflareException.Malformed.class, malformed);
    assertFalse(malformed.getMessage().isBlank());
  }
}
