package dev.batoncf.service;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * A ConductorOne-style client credential made at test time: an Ed25519 key pair, the client id
 * {@code <name>@<host>/pcc} and the secret {@code secret-token:conductorone.com:v1:<JWK>}.
 */
record TestClient(String clientId, String secret, PublicKey publicKey, String jwkJson) {
  static final String NAME = "baton-cloudflare-test";

  static TestClient create(String host) {
    return create(host, null);
  }

  /**
   * @param kid a key id for the JWK, or null for none
   */
  static TestClient create(String host, String kid) {
    try {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] pkcs8 = kp.getPrivate().getEncoded();
      byte[] spki = kp.getPublic().getEncoded();
      byte[] d = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
      byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      JsonObject jwk = new JsonObject();
      jwk.addProperty("kty", "OKP");
      jwk.addProperty("crv", "Ed25519");
      jwk.addProperty("d", b64(d));
      jwk.addProperty("x", b64(x));
      if (kid != null) {
        jwk.addProperty("kid", kid);
      }
      String json = jwk.toString();
      return new TestClient(NAME + "@" + host + "/pcc", secretFor(json), kp.getPublic(), json);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String secretFor(String jwkJson) {
    return "secret-token:conductorone.com:v1:" + b64(jwkJson.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String toString() {
    return "TestClient[" + clientId + "]";
  }
}
