package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve --max-calls}: a bad class or bound is refused at start with one line, exit 2. */
class ServeLimitsCliTest {
  private static final Map<String, String> ENV =
      Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN, "BATON_ACCOUNT_ID", Seeds.DEMO_ACCOUNT_ID);

  @Test
  void anOutOfRangeBoundIsAUsageError() {
    assertRefused("--max-calls: the limit of list calls must be 1 to 1024", "list=0");
    assertRefused("--max-calls: the limit of sync calls must be 1 to 1024", "quick=8,sync=5000");
  }

  @Test
  void anUnknownClassIsAUsageErrorNamingTheClasses() {
    assertRefused(
        "--max-calls: unknown call class 'slow' (classes: quick, list, provision, sync)", "slow=3");
  }

  @Test
  void aBoundThatIsNotANumberIsAUsageError() {
    CliRun r = CliRun.run(ENV, "serve", "--listen", "127.0.0.1:0", "--max-calls", "list=many");
    assertEquals(2, r.code(), r.both());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.both());
    assertFalse(r.out().contains("serving"), r.both());
  }

  private static void assertRefused(String message, String value) {
    CliRun r = CliRun.run(ENV, "serve", "--listen", "127.0.0.1:0", "--max-calls", value);
    assertEquals(2, r.code(), r.both());
    assertEquals(List.of("error: " + message), r.errorLines(), r.both());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.both());
    assertFalse(r.out().contains("serving"), "refused before listening: " + r.both());
  }
}
