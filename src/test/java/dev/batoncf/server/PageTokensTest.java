package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Page tokens: self-contained, bound to listing and generation, tamper-evident. */
class PageTokensTest {
  private final PageTokens tokens = new PageTokens(new SecureRandom());
  private final PageToken token = new PageToken("grants/role:r1", 42, 3, "sync:S", 7);

  @Test
  void aTokenDecodesToWhatWasIssued() {
    String s = tokens.encode(token);
    assertEquals(token, tokens.decode(s, "grants/role:r1"));
    assertNull(tokens.decode("", "grants/role:r1"));
    assertTrue(s.length() < 300, "tokens stay small: " + s.length());
  }

  @Test
  void anAlteredOffsetGenerationOrKeyFailsTheMac() {
    String s = tokens.encode(token);
    String mac = s.substring(s.indexOf('.'));
    for (String forged :
        new String[] {
          json(s).replace("\"o\":42", "\"o\":43"),
          json(s).replace("\"g\":7", "\"g\":8"),
          json(s).replace("sync:S", "sync:T")
        }) {
      String t =
          Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(forged.getBytes(StandardCharsets.UTF_8))
              + mac;
      assertCode(Status.Code.INVALID_ARGUMENT, "altered", t, "grants/role:r1");
    }
  }

  @Test
  void aTokenOfAnotherListingOrNotOursIsInvalid() {
    String s = tokens.encode(token);
    assertCode(Status.Code.INVALID_ARGUMENT, "another listing", s, "grants/role:r2");
    assertCode(
        Status.Code.INVALID_ARGUMENT, "not one this server issued", "AAAA", "grants/role:r1");
    assertCode(
        Status.Code.INVALID_ARGUMENT, "not one this server issued", "a.b.c", "grants/role:r1");
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        "not one this server issued",
        s.substring(0, s.indexOf('.')),
        "grants/role:r1");
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        "too long",
        "x".repeat(PageTokens.MAX_LENGTH + 1),
        "grants/role:r1");
  }

  @Test
  void aTokenOfAnEarlierProcessIsAbortedNotInvalid() {
    String old = new PageTokens(new SecureRandom()).encode(token);
    assertCode(Status.Code.ABORTED, "earlier run of this server", old, "grants/role:r1");
  }

  private static String json(String token) {
    return new String(
        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
  }

  private void assertCode(Status.Code code, String says, String t, String listing) {
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> tokens.decode(t, listing));
    assertEquals(code, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains(says), e.getStatus().getDescription());
  }
}
