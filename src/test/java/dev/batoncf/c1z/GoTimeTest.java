package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoTimeTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  @Test
  void trims_fraction_like_gos_999999999() {
    assertEquals("2024-05-06 07:08:09", GoTime.format(Instant.parse("2024-05-06T07:08:09Z"), UTC));
    assertEquals(
        "2024-05-06 07:08:09.5", GoTime.format(Instant.parse("2024-05-06T07:08:09.500Z"), UTC));
    assertEquals(
        "2024-05-06 07:08:09.000001",
        GoTime.format(Instant.parse("2024-05-06T07:08:09.000001Z"), UTC));
    assertEquals(
        "2024-05-06 07:08:09.123456789",
        GoTime.format(Instant.parse("2024-05-06T07:08:09.123456789Z"), UTC));
  }

  @Test
  void uses_local_time_of_the_zone() {
    assertEquals(
        "2024-05-06 09:08:09.25",
        GoTime.format(Instant.parse("2024-05-06T07:08:09.25Z"), ZoneId.of("Europe/Paris")));
  }

  @Test
  void parses_go_layout_and_iso_variants() {
    assertEquals(
        Optional.of(LocalDateTime.parse("2024-05-06T07:08:09.1234")),
        GoTime.parse("2024-05-06 07:08:09.1234", UTC));
    assertEquals(
        Optional.of(LocalDateTime.parse("2024-01-01T00:01")),
        GoTime.parse("2024-01-01T00:01:00Z", UTC));
    assertEquals(
        Optional.of(LocalDateTime.parse("2024-01-01T01:01")),
        GoTime.parse("2024-01-01T00:01:00Z", ZoneOffset.ofHours(1)));
    assertTrue(GoTime.parse("yesterday", UTC).isEmpty());
    assertTrue(GoTime.parse(null, UTC).isEmpty());
  }
}
