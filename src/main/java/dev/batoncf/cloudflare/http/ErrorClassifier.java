package dev.batoncf.cloudflare.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.batoncf.cloudflare.ApiError;
import dev.batoncf.cloudflare.CloudflareException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import okhttp3.Request;
import retrofit2.Invocation;

/**
 * Turns every way a Cloudflare call can fail into one typed {@link CloudflareException}, once.
 *
 * <p>For an error status (4xx/5xx) the status decides the type and the body only adds Cloudflare's
 * codes: an HTML 502 from a proxy is still a server error, an HTML 429 from the edge still a rate
 * limit. A body that is not the JSON envelope makes the exception {@code Malformed} only where the
 * body was supposed to be the answer (2xx) or the status is one the API never sends (1xx/3xx;
 * redirects are not followed). Messages carry the endpoint template, the status and Cloudflare's
 * error codes and messages; never request headers or response bodies.
 */
public final class ErrorClassifier {

  /** Cloudflare's "Authentication error": a bad credential or a missing permission. */
  public static final int CODE_AUTHENTICATION_ERROR = 10000;

  private static final int MAX_MESSAGE_CHARS = 300;

  private ErrorClassifier() {}

  /**
   * The failure this response represents, or empty for a 2xx whose body is an envelope with {@code
   * "success": true}.
   */
  public static Optional<CloudflareException> check(
      String endpoint, int httpStatus, String bodyOrNull, Headers headers) {
    Envelope env = Envelope.parse(bodyOrNull);
    List<ApiError> errors = env.errors();
    if (httpStatus >= 200 && httpStatus < 300) {
      if (bodyOrNull == null || bodyOrNull.isBlank()) {
        return malformed(endpoint, httpStatus, "empty body");
      }
      if (!env.json()) {
        return malformed(endpoint, httpStatus, "body is not JSON" + contentType(headers));
      }
      if (env.success() == null) {
        return malformed(
            endpoint,
            httpStatus,
            "JSON body is not a Cloudflare envelope (no boolean \"success\")");
      }
      return env.success()
          ? Optional.empty()
          : Optional.of(new CloudflareException.BadRequest(endpoint, httpStatus, errors));
    }
    if (httpStatus == 401 || (httpStatus == 400 && hasCode(errors, CODE_AUTHENTICATION_ERROR))) {
      return Optional.of(new CloudflareException.Unauthenticated(endpoint, httpStatus, errors));
    }
    if (httpStatus == 403) {
      // 10000 on a 403 means "valid token, missing permission" in practice: keep it a denial.
      return Optional.of(new CloudflareException.PermissionDenied(endpoint, httpStatus, errors));
    }
    if (httpStatus == 404) {
      if (!env.json()) {
        // Cloudflare's API answers every 404 with its envelope; a page means another server
        return Optional.of(new CloudflareException.NotTheApi(endpoint, httpStatus));
      }
      return Optional.of(new CloudflareException.NotFound(endpoint, httpStatus, errors));
    }
    if (httpStatus == 429) {
      Duration wait = RateLimitHeaders.serverWait(headers, Instant.now()).orElse(null);
      return Optional.of(new CloudflareException.RateLimited(endpoint, errors, wait));
    }
    if (httpStatus >= 400 && httpStatus < 500) {
      return Optional.of(new CloudflareException.BadRequest(endpoint, httpStatus, errors));
    }
    if (httpStatus >= 500 && httpStatus < 600) {
      return Optional.of(new CloudflareException.ServerError(endpoint, httpStatus, errors));
    }
    String why =
        httpStatus >= 300 && httpStatus < 400
            ? " (redirects are not followed, so credentials stay on the configured base URL)"
            : "";
    return malformed(endpoint, httpStatus, "unexpected HTTP status " + httpStatus + why);
  }

  /**
   * The exception for a response the caller has found to be a failure.
   *
   * @throws IllegalArgumentException for a 2xx success envelope, which is not a failure; use {@link
   *     #check} when that is possible
   */
  public static CloudflareException classify(
      String endpoint, int httpStatus, String bodyOrNull, Headers headers) {
    return check(endpoint, httpStatus, bodyOrNull, headers)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "HTTP "
                        + httpStatus
                        + " with \"success\": true is not a "
                        + "failure ("
                        + endpoint
                        + ")"));
  }

  /**
   * The endpoint key: "METHOD /path/template" from the Retrofit method annotation when the request
   * came from Retrofit ({@code GET /accounts/{account_id}/members}), else the request's method and
   * path, unless an {@link EndpointTag} names it. Never includes the query.
   */
  public static String endpointOf(Request request) {
    EndpointTag fixed = request.tag(EndpointTag.class);
    if (fixed != null) {
      return fixed.endpoint();
    }
    Invocation invocation = request.tag(Invocation.class);
    if (invocation != null) {
      String template = template(invocation.method());
      if (template != null) {
        return template;
      }
    }
    return request.method() + " " + request.url().encodedPath();
  }

  /**
   * An I/O failure as a {@link CloudflareException}: the stack's own {@link CloudflareIOException}
   * is unwrapped; a body that Gson could not parse becomes {@code Malformed}; anything else is
   * {@code Transport} with a short "what" such as "connection refused to 127.0.0.1:1234", "unknown
   * host x", "TLS handshake failed".
   */
  public static CloudflareException fromIOException(String endpoint, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CloudflareIOException c) {
        return c.failure();
      }
    }
    if (thrownByGson(e)) {
      return new CloudflareException.Malformed(endpoint, 0, "response body is not valid JSON");
    }
    return new CloudflareException.Transport(endpoint, describe(e, null, null), e);
  }

  /**
   * What went wrong, in a few words. The timeouts, when known, make "timed out after 60s" possible;
   * the messages of OkHttp's exceptions are only mined for the host and port.
   */
  static String describe(IOException e, Duration connectTimeout, Duration readTimeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host " + beforeColon(t.getMessage());
      }
      if (t instanceof SocketTimeoutException) {
        boolean connect =
            String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
        Duration limit = connect ? connectTimeout : readTimeout;
        return (connect ? "connect timed out" : "timed out waiting for the response")
            + (limit == null ? "" : " after " + Durations.human(limit));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        String address = address(e);
        String kind = refused(e) ? "connection refused" : "could not connect";
        return kind + (address == null ? "" : " to " + address);
      }
      if (t instanceof SSLPeerUnverifiedException) {
        return "TLS certificate not valid for the host";
      }
      if (t instanceof SSLHandshakeException || t instanceof SSLException) {
        return "TLS handshake failed";
      }
    }
    if (e instanceof InterruptedIOException) {
      return "interrupted or out of time (" + e.getMessage() + ")";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  // ---- helpers ----

  private static Optional<CloudflareException> malformed(String endpoint, int status, String what) {
    return Optional.of(new CloudflareException.Malformed(endpoint, status, what));
  }

  private static boolean hasCode(List<ApiError> errors, int code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }

  private static String contentType(Headers headers) {
    String type = headers == null ? null : headers.get("Content-Type");
    return type == null ? "" : " (Content-Type " + truncate(type, 60) + ")";
  }

  private static String template(Method method) {
    for (Annotation a : method.getAnnotations()) {
      String[] verbAndPath = verbAndPath(a);
      if (verbAndPath != null) {
        String path = verbAndPath[1];
        if (path.isEmpty()) {
          return null; // @Url-style call: only the request knows the path
        }
        int q = path.indexOf('?');
        path = q >= 0 ? path.substring(0, q) : path;
        return verbAndPath[0] + " " + (path.startsWith("/") ? path : "/" + path);
      }
    }
    return null;
  }

  private static String[] verbAndPath(Annotation a) {
    if (a instanceof retrofit2.http.GET x) {
      return new String[] {"GET", x.value()};
    } else if (a instanceof retrofit2.http.POST x) {
      return new String[] {"POST", x.value()};
    } else if (a instanceof retrofit2.http.PUT x) {
      return new String[] {"PUT", x.value()};
    } else if (a instanceof retrofit2.http.DELETE x) {
      return new String[] {"DELETE", x.value()};
    } else if (a instanceof retrofit2.http.PATCH x) {
      return new String[] {"PATCH", x.value()};
    } else if (a instanceof retrofit2.http.HEAD x) {
      return new String[] {"HEAD", x.value()};
    } else if (a instanceof retrofit2.http.OPTIONS x) {
      return new String[] {"OPTIONS", x.value()};
    } else if (a instanceof retrofit2.http.HTTP x) {
      return new String[] {x.method(), x.path()};
    }
    return null;
  }

  /** Gson's parse errors (MalformedJsonException, EOFException) are IOExceptions too. */
  private static boolean thrownByGson(IOException e) {
    StackTraceElement[] stack = e.getStackTrace();
    return stack.length > 0 && stack[0].getClassName().startsWith("com.google.gson.");
  }

  /** "host/1.2.3.4:443" or "/127.0.0.1:1234" out of OkHttp's "Failed to connect to ..." text. */
  private static String address(Throwable e) {
    String marker = "Failed to connect to ";
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      int at = m == null ? -1 : m.indexOf(marker);
      if (at >= 0) {
        String a = m.substring(at + marker.length()).trim();
        int slash = a.indexOf('/');
        if (slash == 0) {
          return a.substring(1);
        }
        return slash > 0 ? a.substring(0, slash) + " (" + a.substring(slash + 1) + ")" : a;
      }
    }
    return null;
  }

  private static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
        return true;
      }
    }
    return false;
  }

  private static String beforeColon(String message) {
    if (message == null) {
      return "(no name)";
    }
    int colon = message.indexOf(':');
    return truncate(colon > 0 ? message.substring(0, colon) : message, 100);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  /** Just the parts of the envelope that classification needs; lenient about everything. */
  private record Envelope(boolean json, Boolean success, List<ApiError> errors) {
    static final Envelope NOT_JSON = new Envelope(false, null, List.of());

    static Envelope parse(String body) {
      if (body == null || body.isBlank()) {
        return NOT_JSON;
      }
      JsonElement root;
      try {
        // Strict: a lenient reader takes "<html>" for an unquoted string.
        JsonReader reader = new JsonReader(new StringReader(body));
        reader.setStrictness(Strictness.STRICT);
        root = JsonParser.parseReader(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
          return NOT_JSON;
        }
      } catch (JsonParseException | IOException e) { // Gson caps nesting: deep input fails too
        return NOT_JSON;
      }
      if (!root.isJsonObject()) {
        return new Envelope(true, null, List.of());
      }
      JsonObject o = root.getAsJsonObject();
      JsonElement s = o.get("success");
      Boolean success = s instanceof JsonPrimitive p && p.isBoolean() ? p.getAsBoolean() : null;
      return new Envelope(true, success, errors(o));
    }

    private static List<ApiError> errors(JsonObject o) {
      JsonElement raw = o.get("errors");
      List<ApiError> out = new ArrayList<>();
      if (raw instanceof JsonArray array) {
        for (JsonElement item : array) {
          ApiError e = error(item);
          if (e != null) {
            out.add(e);
          }
        }
      } else if (raw instanceof JsonObject single) {
        out.add(error(single));
      }
      // A few endpoints answer {"success":false,"error":"..."} instead of errors[].
      if (out.isEmpty() && o.get("error") instanceof JsonPrimitive p) {
        out.add(new ApiError(0, truncate(p.getAsString(), MAX_MESSAGE_CHARS)));
      }
      return List.copyOf(out);
    }

    private static ApiError error(JsonElement item) {
      if (item == null || item.isJsonNull()) {
        return null;
      }
      if (item instanceof JsonPrimitive p) {
        return new ApiError(0, truncate(p.getAsString(), MAX_MESSAGE_CHARS));
      }
      if (!(item instanceof JsonObject e)) {
        return new ApiError(0, truncate(item.toString(), MAX_MESSAGE_CHARS));
      }
      JsonElement m = e.get("message");
      String message =
          m == null || m.isJsonNull()
              ? ""
              : m instanceof JsonPrimitive mp ? mp.getAsString() : m.toString();
      return new ApiError(code(e.get("code")), truncate(message, MAX_MESSAGE_CHARS));
    }

    /** An int, a numeric string, or 0 when it is neither. */
    private static int code(JsonElement c) {
      if (!(c instanceof JsonPrimitive p)) {
        return 0;
      }
      try {
        if (p.isNumber()) {
          return p.getAsBigDecimal().intValueExact();
        }
        if (p.isString()) {
          return Integer.parseInt(p.getAsString().trim());
        }
      } catch (ArithmeticException | NumberFormatException e) {
        return 0;
      }
      return 0;
    }
  }
}
