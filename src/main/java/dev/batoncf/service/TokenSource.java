package dev.batoncf.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.Secret;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for the Baton host: OAuth2 client credentials with a signed {@link
 * ClientAssertion}, POSTed as a form to {@code https://<host>/auth/v1/token}. The token is cached
 * and fetched again shortly before it expires (a minute before, or half its lifetime when that is
 * shorter). Failures come back as gRPC statuses, so a call fails the way the host would fail it: a
 * refused credential is UNAUTHENTICATED (permanent), an unreachable or failing endpoint UNAVAILABLE
 * (retried).
 */
final class TokenSource {
  private static final Logger log = LoggerFactory.getLogger(TokenSource.class);
  static final String PATH = "/auth/v1/token";
  private static final Duration MAX_MARGIN = Duration.ofMinutes(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ClientId clientId;
  private final ClientSecret key;
  private final URI tokenUrl;
  private final HttpClient http;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private AccessToken current;

  TokenSource(
      ClientId clientId, ClientSecret key, HostPort tokenHost, HttpClient http, Clock clock) {
    this.clientId = clientId;
    this.key = key;
    this.tokenUrl = URI.create("https://" + tokenHost.authority() + PATH);
    this.http = http;
    this.clock = clock;
  }

  /** The cached token, or a new one when it is due for refresh. */
  synchronized AccessToken token() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(current.refreshAt())) {
      current = fetch(now);
      log.debug("fetched an access token from {} (expires {})", tokenUrl, current.expiresAt());
    }
    return current;
  }

  private AccessToken fetch(Instant now) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", clientId.value());
    form.put("grant_type", "client_credentials");
    form.put("client_assertion_type", ClientAssertion.TYPE);
    form.put("client_assertion", ClientAssertion.create(clientId, key, now, random));
    HttpRequest req =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("User-Agent", "baton-c1-credential-provider")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    HttpResponse<String> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unavailable(
          "could not reach the token endpoint "
              + tokenUrl
              + ": "
              + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Status.CANCELLED
          .withDescription("interrupted while fetching a token")
          .asRuntimeException();
    }
    int code = resp.statusCode();
    if (code == 429 || code >= 500) {
      throw unavailable("the token endpoint " + tokenUrl + " answered HTTP " + code);
    }
    JsonObject body = json(resp.body());
    if (code != 200) {
      String error = body != null && body.has("error") ? ", " + text(body, "error") : "";
      throw Status.UNAUTHENTICATED
          .withDescription(
              "the token endpoint "
                  + tokenUrl
                  + " refused the client credentials (HTTP "
                  + code
                  + error
                  + "): check --client-id and"
                  + " --client-secret, or whether the client was revoked")
          .asRuntimeException();
    }
    String token = body == null ? "" : text(body, "access_token");
    if (token.isEmpty()) {
      throw Status.UNAUTHENTICATED
          .withDescription("the token endpoint " + tokenUrl + " answered without an access token")
          .asRuntimeException();
    }
    long expiresIn =
        body.has("expires_in") && body.get("expires_in").isJsonPrimitive()
            ? body.get("expires_in").getAsLong()
            : 0;
    Duration life = Duration.ofSeconds(Math.max(0, expiresIn));
    Duration margin = life.dividedBy(2).compareTo(MAX_MARGIN) < 0 ? life.dividedBy(2) : MAX_MARGIN;
    Instant expires = now.plus(life);
    return new AccessToken(
        AccessToken.normaliseType(text(body, "token_type")),
        Secret.of(token),
        expires,
        expires.minus(margin));
  }

  private static StatusRuntimeException unavailable(String message) {
    return Status.UNAVAILABLE.withDescription(message).asRuntimeException();
  }

  private static JsonObject json(String body) {
    try {
      JsonElement e = JsonParser.parseString(body == null ? "" : body);
      return e.isJsonObject() ? e.getAsJsonObject() : null;
    } catch (JsonParseException | NumberFormatException e) {
      return null;
    }
  }

  private static String text(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
