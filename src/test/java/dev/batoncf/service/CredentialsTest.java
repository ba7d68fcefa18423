package dev.batoncf.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client ids, client secrets and the signed client assertion, as Baton's SDK makes them. */
class CredentialsTest {
  private static final TestClient CLIENT = TestClient.create("tenant.conductor.one");
  private static final String JWK = CLIENT.jwkJson();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fancy-name-123@tenant.conductor.one/pcc | fancy-name-123 | tenant.conductor.one | tenant.conductor.one",
        "svc@tenant.conductor.one:8443/pcc/x     | svc            | tenant.conductor.one:8443 | tenant.conductor.one",
        "a@b/                                    | a              | b                    | b",
        "n@[::1]:9443/s                          | n              | [::1]:9443           | ::1",
      })
  void clientIdsSplitAtTheFirstAtAndTheFirstSlash(
      String raw, String name, String host, String audience) {
    ClientId id = ClientId.parse(raw);
    assertEquals(raw, id.value());
    assertEquals(name, id.clientName());
    assertEquals(host, id.tokenHost());
    assertEquals(audience, id.audience(), "the audience has no port");
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "no-at-sign/pcc",
        "name@host-without-slash",
        "@host/pcc",
        "name@/pcc",
        "'   '"
      })
  void malformedClientIdsAreOneLineConfigErrors(String raw) {
    ConfigException e = assertThrows(ConfigException.class, () -> ClientId.parse(raw));
    assertEquals(
        "--client-id must look like <name>@<host>/<suffix> (the client id "
            + "ConductorOne shows when it creates the credential)",
        e.getMessage());
  }

  @Test
  void aGeneratedSecretParsesAndSignsWithItsKey() throws Exception {
    ClientSecret s = ClientSecret.parse(Secret.of(CLIENT.secret() + "\n"));
    assertEquals("ClientSecret[****]", s.toString());
    assertEquals(CLIENT.publicKey(), s.publicKey());
    byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(CLIENT.publicKey());
    v.update(data);
    assertTrue(v.verify(s.sign(data)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "three parts             | secret-token:conductorone.com:KEY | expected four ':'-separated parts, the third 'v1'",
        "not v1                  | secret-token:conductorone.com:v2:KEY | expected four ':'-separated parts, the third 'v1'",
        "padded base64           | secret-token:x:v1:KEY= | its key is not unpadded base64url",
        "not base64              | secret-token:x:v1:***not*base64*** | its key is not unpadded base64url",
        "not JSON                | secret-token:x:v1:bm90IGpzb24 | its key is not a JSON Web Key",
      })
  void malformedSecretsSayWhatIsWrongWithoutEchoingThem(String name, String secret, String why) {
    String s = secret.replace("KEY", TestClient.b64(JWK.getBytes(StandardCharsets.UTF_8)));
    ConfigException e = assertThrows(ConfigException.class, () -> ClientSecret.parse(Secret.of(s)));
    assertEquals(
        "--client-secret is not a ConductorOne client secret "
            + "(secret-token:<issuer>:v1:<key>): "
            + why,
        e.getMessage());
    assertFalse(e.getMessage().contains(TestClient.b64(JWK.getBytes(StandardCharsets.UTF_8))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "kty RSA       | kty | RSA     | its key is not an Ed25519 key (kty OKP, crv Ed25519)",
        "crv X25519    | crv | X25519  | its key is not an Ed25519 key (kty OKP, crv Ed25519)",
        "public only   | d   |         | it holds no private key (d)",
        "no x          | x   |         | its public key (x) is missing",
        "short d       | d   | AAAA    | its 'd' is not a 32-byte Ed25519 key",
        "d not base64  | d   | %%%     | its 'd' is not base64url",
      })
  void jwksThatAreNotEd25519PrivateKeysAreRefused(
      String name, String field, String value, String why) {
    JsonObject jwk = JsonParser.parseString(JWK).getAsJsonObject();
    if (value == null) {
      jwk.remove(field);
    } else {
      jwk.addProperty(field, value);
    }
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ClientSecret.parse(Secret.of(TestClient.secretFor(jwk.toString()))));
    assertTrue(e.getMessage().endsWith(": " + why), e.getMessage());
  }

  @Test
  void aPublicKeyThatIsNotTheKeysOwnIsRefused() {
    JsonObject jwk = JsonParser.parseString(JWK).getAsJsonObject();
    JsonObject other = JsonParser.parseString(TestClient.create("h").jwkJson()).getAsJsonObject();
    jwk.add("x", other.get("x"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ClientSecret.parse(Secret.of(TestClient.secretFor(jwk.toString()))));
    assertTrue(
        e.getMessage().endsWith(": its public key (x) does not belong to its private key (d)"),
        e.getMessage());
  }

  @Test
  void theAssertionIsAnEdDsaJwsWithBatonsClaims() throws Exception {
    TestClient c = TestClient.create("tenant.conductor.one:8443", "key-7");
    ClientId id = ClientId.parse(c.clientId());
    ClientSecret key = ClientSecret.parse(Secret.of(c.secret()));
    Instant now = Instant.ofEpochSecond(1_750_000_000L);
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      String jwt = ClientAssertion.create(id, key, now, new SecureRandom());
      String[] parts = jwt.split("\\.");
      assertEquals(3, parts.length);
      JsonObject header = decode(parts[0]);
      JsonObject claims = decode(parts[1]);
      assertEquals("EdDSA", header.get("alg").getAsString());
      assertEquals("key-7", header.get("kid").getAsString());
      String nonce = header.get("nonce").getAsString();
      assertTrue(nonce.matches("[0-9a-f]{32}"), "16 random bytes in hex: " + nonce);
      assertTrue(nonces.add(nonce), "a new nonce each time");
      assertEquals(Set.of("alg", "kid", "nonce"), header.keySet());
      assertEquals(c.clientId(), claims.get("iss").getAsString());
      assertEquals(c.clientId(), claims.get("sub").getAsString());
      assertEquals("tenant.conductor.one", claims.get("aud").getAsString());
      assertEquals(1_750_000_120L, claims.get("exp").getAsLong());
      assertEquals(1_749_999_880L, claims.get("nbf").getAsLong());
      assertEquals(1_750_000_000L, claims.get("iat").getAsLong());
      assertEquals(Set.of("iss", "sub", "aud", "exp", "nbf", "iat"), claims.keySet());
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(c.publicKey());
      v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertTrue(v.verify(Base64.getUrlDecoder().decode(parts[2])));
    }
    JsonObject noKid =
        decode(
            ClientAssertion.create(
                    ClientId.parse(CLIENT.clientId()),
                    ClientSecret.parse(Secret.of(CLIENT.secret())),
                    now,
                    new SecureRandom())
                .split("\\.")[0]);
    assertEquals(Set.of("alg", "nonce"), noKid.keySet(), "kid only when the JWK has one");
  }

  @Test
  void hostPortsDefaultTo443() {
    assertEquals(
        new HostPort("tenant.conductor.one", 443), HostPort.parse("tenant.conductor.one", 443));
    assertEquals(new HostPort("127.0.0.1", 8443), HostPort.parse("127.0.0.1:8443", 443));
    assertEquals(new HostPort("::1", 9443), HostPort.parse("[::1]:9443", 443));
    assertEquals("[::1]:9443", HostPort.parse("[::1]:9443", 443).authority());
    assertThrows(ConfigException.class, () -> HostPort.parse("host:port", 443));
    assertThrows(ConfigException.class, () -> HostPort.parse("host:0", 443));
    assertThrows(ConfigException.class, () -> HostPort.parse("", 443));
  }

  private static JsonObject decode(String part) {
    return JsonParser.parseString(
            new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }
}
