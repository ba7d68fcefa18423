package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KsuidTest {

  // The example from segmentio/ksuid's README: timestamp 107608047, payload B5A1CD34...
  private static final String README_KSUID = "0ujtsYcgvSTl8PAuAdqWYSMnLOv";
  private static final Instant README_TIME = Instant.ofEpochSecond(1_400_000_000L + 107_608_047L);
  private static final byte[] README_PAYLOAD =
      HexFormat.of().parseHex("B5A1CD34B5F99D1154FB6853345C9735");

  @Test
  void encodes_the_reference_vector() {
    assertEquals(README_KSUID, Ksuid.next(README_TIME, README_PAYLOAD));
    assertEquals(README_TIME, Ksuid.timeOf(README_KSUID));
  }

  @Test
  void pads_small_values_and_encodes_the_maximum() {
    assertEquals(
        "000000000000000000000000000",
        Ksuid.next(Instant.ofEpochSecond(1_400_000_000L), new byte[16]));
    byte[] ones = new byte[16];
    java.util.Arrays.fill(ones, (byte) 0xFF);
    assertEquals(
        "aWgEPTl1tmebfsQzFP4bxwgy80V",
        Ksuid.next(Instant.ofEpochSecond(1_400_000_000L + 0xFFFF_FFFFL), ones));
  }

  @Test
  void new_ids_are_valid_distinct_and_carry_the_current_second() {
    Instant before = Instant.now().minusSeconds(1);
    String a = Ksuid.next();
    String b = Ksuid.next();
    assertTrue(Ksuid.isValid(a), a);
    assertEquals(27, a.length());
    assertNotEquals(a, b);
    assertTrue(a.matches("^[a-zA-Z0-9]{27}$"), "Baton's task_id/sync_id pattern");
    assertFalse(
        Ksuid.timeOf(a).isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
  }

  @Test
  void rejects_malformed_ids() {
    assertFalse(Ksuid.isValid(null));
    assertFalse(Ksuid.isValid(""));
    assertFalse(Ksuid.isValid(README_KSUID.substring(1)));
    assertFalse(Ksuid.isValid(README_KSUID + "0"));
    assertFalse(Ksuid.isValid("0ujtsYcgvSTl8PAuAdqWYSMnLO-"));
    assertFalse(Ksuid.isValid("aWgEPTl1tmebfsQzFP4bxwgy80W"), "one above the 20-byte maximum");
    assertTrue(Ksuid.isValid("aWgEPTl1tmebfsQzFP4bxwgy80V"));
  }

  @Test
  void rejects_bad_inputs() {
    assertThrows(IllegalArgumentException.class, () -> Ksuid.next(README_TIME, new byte[15]));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ksuid.next(Instant.ofEpochSecond(1_399_999_999L), README_PAYLOAD));
  }
}
