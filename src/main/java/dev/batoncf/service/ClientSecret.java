package dev.batoncf.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A ConductorOne client secret, {@code secret-token:<issuer>:v1:<key>}, where the key is a
 * base64url (unpadded) JSON Web Key holding an Ed25519 private key ({@code kty} OKP, {@code crv}
 * Ed25519, {@code d} and {@code x}). Parsed as Baton's SDK parses it: four {@code :}-separated
 * parts, the third {@code v1}. Holds only the key; {@link #toString()} shows nothing of it.
 */
public final class ClientSecret {
  static final String FORMAT = "secret-token:<issuer>:v1:<key>";
  private static final String PREFIX =
      "--client-secret is not a ConductorOne client secret (" + FORMAT + "): ";

  /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw 32-byte key follows. */
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final int KEY_BYTES = 32;

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private ClientSecret(PrivateKey privateKey, PublicKey publicKey, String keyId) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = keyId;
  }

  public static ClientSecret parse(Secret secret) {
    String[] parts = secret.reveal().trim().split(":", 4);
    if (parts.length != 4 || !parts[2].equals("v1")) {
      throw bad("expected four ':'-separated parts, the third 'v1'");
    }
    byte[] json;
    try {
      if (parts[3].contains("=")) {
        throw new IllegalArgumentException("padding"); // Baton decodes without padding
      }
      json = Base64.getUrlDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw bad("its key is not unpadded base64url");
    }
    JsonObject jwk = jsonObject(json);
    if (!"OKP".equals(string(jwk, "kty")) || !"Ed25519".equals(string(jwk, "crv"))) {
      throw bad("its key is not an Ed25519 key (kty OKP, crv Ed25519)");
    }
    byte[] d = keyBytes(jwk, "d", "it holds no private key (d)");
    byte[] x = keyBytes(jwk, "x", "its public key (x) is missing");
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519");
      PrivateKey priv = kf.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, d));
      byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + KEY_BYTES);
      System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, KEY_BYTES);
      PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(spki));
      ClientSecret s = new ClientSecret(priv, pub, string(jwk, "kid"));
      s.checkPair();
      return s;
    } catch (GeneralSecurityException e) {
      throw bad("its key is not a valid Ed25519 key");
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  /** An EdDSA (Ed25519) signature over {@code data}. */
  byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(privateKey);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** The key id from the JWK, or null: Baton sends it as the JWS {@code kid} when present. */
  String keyId() {
    return keyId;
  }

  PublicKey publicKey() {
    return publicKey;
  }

  /** A JWK whose x does not belong to its d would sign assertions the host rejects: say so now. */
  private void checkPair() throws GeneralSecurityException {
    byte[] probe = "baton-cloudflare key check".getBytes(StandardCharsets.US_ASCII);
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(publicKey);
    v.update(probe);
    if (!v.verify(sign(probe))) {
      throw bad("its public key (x) does not belong to its private key (d)");
    }
  }

  private static JsonObject jsonObject(byte[] json) {
    try {
      JsonElement e = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
      if (e.isJsonObject()) {
        return e.getAsJsonObject();
      }
    } catch (JsonParseException ignored) {
      // reported below, without echoing any of it
    }
    throw bad("its key is not a JSON Web Key");
  }

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
        ? e.getAsString()
        : null;
  }

  private static byte[] keyBytes(JsonObject jwk, String name, String missing) {
    String v = string(jwk, name);
    if (v == null || v.isEmpty()) {
      throw bad(missing);
    }
    byte[] b;
    try {
      b = Base64.getUrlDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw bad("its '" + name + "' is not base64url");
    }
    if (b.length != KEY_BYTES) {
      throw bad("its '" + name + "' is not a 32-byte Ed25519 key");
    }
    return b;
  }

  private static ConfigException bad(String why) {
    return new ConfigException(PREFIX + why);
  }

  @Override
  public String toString() {
    return "ClientSecret[****]";
  }
}
