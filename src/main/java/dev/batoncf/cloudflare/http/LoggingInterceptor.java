package dev.batoncf.cloudflare.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Innermost interceptor, so it sees each attempt exactly as sent (auth included) and times the
 * network alone. DEBUG: one line per attempt, with the query reduced to its parameter names. TRACE:
 * request and response headers with credentials and cookies replaced by {@code ****}. Bodies are
 * never logged: some responses (token creation) carry secrets. Also reports {@link
 * HttpEvents#onAttempt}.
 */
final class LoggingInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(LoggingInterceptor.class);
  static final String REDACTED = "****";
  private static final Set<String> SENSITIVE =
      Set.of(
          "authorization",
          "proxy-authorization",
          "x-auth-key",
          "x-auth-user-service-key",
          "cookie",
          "set-cookie");

  private final HttpEvents events;

  LoggingInterceptor(HttpEvents events) {
    this.events = events;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String endpoint = ErrorClassifier.endpointOf(request);
    String target = request.method() + " " + shortUrl(request.url());
    if (log.isTraceEnabled()) {
      log.trace("--> {}\n{}", target, redacted(request.headers()));
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      events.onAttempt(endpoint, 0, elapsed);
      log.debug("{} -> failed after {} ms: {}", target, elapsed.toMillis(), e.toString());
      throw e;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    events.onAttempt(endpoint, response.code(), elapsed);
    log.debug("{} -> {} ({} ms)", target, response.code(), elapsed.toMillis());
    if (log.isTraceEnabled()) {
      log.trace("<-- {} {}\n{}", response.code(), target, redacted(response.headers()));
    }
    return response;
  }

  /** Path plus the names (not values) of query parameters: "/x/members?page&per_page". */
  static String shortUrl(HttpUrl url) {
    if (url.querySize() == 0) {
      return url.encodedPath();
    }
    return url.encodedPath() + "?" + String.join("&", url.queryParameterNames());
  }

  static String redacted(Headers headers) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      boolean secret = SENSITIVE.contains(name.toLowerCase(Locale.ROOT));
      sb.append("    ")
          .append(name)
          .append(": ")
          .append(secret ? REDACTED : headers.value(i))
          .append('\n');
    }
    return sb.toString().stripTrailing();
  }
}
