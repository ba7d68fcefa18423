package dev.batoncf.service;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host's {@code POST /auth/v1/token} over HTTPS on 127.0.0.1, strict like a real one: the form
 * must be a client-credentials request with a JWT-bearer assertion, and the assertion an EdDSA JWS
 * signed by the registered client's key, with iss = sub = client id, aud = the expected host, a
 * 4-minute exp/nbf window around now, and a nonce never seen before. Anything else is {@code 401
 * {"error":"invalid_client"}}; why is kept in {@link #rejections()}.
 */
final class FakeTokenEndpoint implements AutoCloseable {
  private final HttpsServer server;
  private final String clientId;
  private final PublicKey key;
  private final String audience;
  private final Set<String> nonces = new HashSet<>();
  private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
  private final List<String> rejections = new ArrayList<>();
  private final List<Map<String, String>> headers = new ArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile long expiresInSeconds = 3600;
  private volatile int failWith;

  private FakeTokenEndpoint(ServicePki pki, String clientId, PublicKey key, String audience)
      throws IOException {
    this.clientId = clientId;
    this.key = key;
    this.audience = audience;
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
    server.createContext(TokenSource.PATH, this::handle);
    server.start();
  }

  /**
   * @param audience the host the assertion must name (the client id's host, no port)
   */
  static FakeTokenEndpoint start(ServicePki pki, TestClient client, String audience) {
    try {
      return new FakeTokenEndpoint(pki, client.clientId(), client.publicKey(), audience);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Lifetime of the tokens issued from now on. */
  void expiresIn(long seconds) {
    expiresInSeconds = seconds;
  }

  /** Answer every request with this HTTP status (0: normal service). */
  void failWith(int httpStatus) {
    failWith = httpStatus;
  }

  int issued() {
    return issued.get();
  }

  synchronized List<String> rejections() {
    return List.copyOf(rejections);
  }

  synchronized List<Map<String, String>> requestHeaders() {
    return List.copyOf(headers);
  }

  /** Whether {@code header} ("Bearer <token>") carries a token we issued that has not expired. */
  boolean valid(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    Instant expiry = tokens.get(header.substring("Bearer ".length()));
    return expiry != null && Instant.now().isBefore(expiry);
  }

  private void handle(HttpExchange ex) throws IOException {
    synchronized (this) {
      headers.add(
          Map.of("content-type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"))));
    }
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (failWith != 0) {
      reply(ex, failWith, "{\"error\":\"temporarily_unavailable\"}");
      return;
    }
    String problem = "POST".equals(ex.getRequestMethod()) ? check(form(body)) : "not a POST";
    if (problem != null) {
      synchronized (this) {
        rejections.add(problem);
      }
      reply(ex, 401, "{\"error\":\"invalid_client\",\"error_description\":\"" + problem + "\"}");
      return;
    }
    String token = "tok-" + issued.incrementAndGet() + "-" + System.nanoTime();
    tokens.put(token, Instant.now().plusSeconds(expiresInSeconds));
    reply(
        ex,
        200,
        "{\"access_token\":\""
            + token
            + "\",\"token_type\":\"bearer\","
            + "\"expires_in\":"
            + expiresInSeconds
            + "}");
  }

  private String check(Map<String, String> form) {
    if (!clientId.equals(form.get("client_id"))
        || !"client_credentials".equals(form.get("grant_type"))
        || !ClientAssertion.TYPE.equals(form.get("client_assertion_type"))) {
      return "not a client-credentials request for the registered client";
    }
    String[] jws = String.valueOf(form.get("client_assertion")).split("\\.");
    if (jws.length != 3) {
      return "the assertion is not a compact JWS";
    }
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      JsonObject header =
          JsonParser.parseString(new String(d.decode(jws[0]), StandardCharsets.UTF_8))
              .getAsJsonObject();
      JsonObject claims =
          JsonParser.parseString(new String(d.decode(jws[1]), StandardCharsets.UTF_8))
              .getAsJsonObject();
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(key);
      v.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
      if (!"EdDSA".equals(header.get("alg").getAsString()) || !v.verify(d.decode(jws[2]))) {
        return "bad signature";
      }
      String nonce = header.has("nonce") ? header.get("nonce").getAsString() : "";
      synchronized (this) {
        if (!nonce.matches("[0-9a-f]{32}") || !nonces.add(nonce)) {
          return "missing or repeated nonce";
        }
      }
      long now = Instant.now().getEpochSecond();
      long exp = claims.get("exp").getAsLong();
      long nbf = claims.get("nbf").getAsLong();
      if (!clientId.equals(claims.get("iss").getAsString())
          || !clientId.equals(claims.get("sub").getAsString())
          || !audience.equals(claims.get("aud").getAsString())) {
        return "wrong iss, sub or aud";
      }
      if (exp - nbf != 240 || nbf > now || exp < now) {
        return "outside its validity window";
      }
      return null;
    } catch (GeneralSecurityException | RuntimeException e) {
      return "unreadable assertion (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
