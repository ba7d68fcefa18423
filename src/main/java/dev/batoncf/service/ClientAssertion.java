package dev.batoncf.service;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The OAuth2 client assertion Baton's SDK signs for the token request: a compact EdDSA JWS whose
 * protected header carries {@code alg}, the JWK's {@code kid} when it has one, and a random 16-byte
 * hex {@code nonce}; claims iss = sub = the client id, aud = the token host without its port, exp =
 * now + 2 min, nbf = now - 2 min, iat = now.
 */
final class ClientAssertion {
  static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static final Duration SKEW = Duration.ofMinutes(2);
  private static final int NONCE_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private ClientAssertion() {}

  static String create(ClientId id, ClientSecret key, Instant now, SecureRandom random) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    JsonObject header = new JsonObject();
    header.addProperty("alg", "EdDSA");
    if (key.keyId() != null && !key.keyId().isEmpty()) {
      header.addProperty("kid", key.keyId());
    }
    header.addProperty("nonce", HexFormat.of().formatHex(nonce));
    long t = now.getEpochSecond();
    JsonObject claims = new JsonObject();
    claims.addProperty("iss", id.value());
    claims.addProperty("sub", id.value());
    claims.addProperty("aud", id.audience());
    claims.addProperty("exp", t + SKEW.toSeconds());
    claims.addProperty("nbf", t - SKEW.toSeconds());
    claims.addProperty("iat", t);
    String signingInput = encode(header) + "." + encode(claims);
    byte[] sig = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(sig);
  }

  private static String encode(JsonObject o) {
    return B64.encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
  }
}
