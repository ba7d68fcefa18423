package dev.batoncf.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {
  @ParameterizedTest
  @CsvSource({
    "6h,PT6H",
    "15m,PT15M",
    "1h30m,PT1H30M",
    "90s,PT1M30S",
    "250ms,PT0.25S",
    "2d,PT48H",
    "5,PT5S",
    "0,PT0S",
    "' 10M ',PT10M",
    "1m30s500ms,PT1M30.5S"
  })
  void parsesWhatPeopleWrite(String text, String iso) {
    assertEquals(Duration.parse(iso), DurationText.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "PT6H,6h",
    "PT1H30M,1h30m",
    "PT48H,2d",
    "PT0.5S,500ms",
    "PT0S,0s",
    "PT1M30.5S,1m30s500ms"
  })
  void formatsTheShortestExactForm(String iso, String text) {
    assertEquals(text, DurationText.format(Duration.parse(iso)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-5m|'-5m' is negative",
        "6 hours|'6 hours' is not a duration (e.g. 6h, 15m, 1h30m, 90s, 500ms)",
        "h|'h' is not a duration (e.g. 6h, 15m, 1h30m, 90s, 500ms)",
        "1.5h|'1.5h' is not a duration (e.g. 6h, 15m, 1h30m, 90s, 500ms)",
        "''|'' is not a duration (e.g. 6h, 15m, 1h30m, 90s, 500ms)"
      })
  void refusesOtherTextWithASentence(String text, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text)).getMessage());
  }
}
