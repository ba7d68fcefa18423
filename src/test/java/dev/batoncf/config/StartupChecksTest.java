package dev.batoncf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings that could never work are refused at start, in one line with exit 2. */
class StartupChecksTest {
  private static final Map<String, String> ENV =
      Map.of(
          "BATON_API_TOKEN",
          Seeds.DEMO_API_TOKEN,
          "BATON_ACCOUNT_ID",
          Seeds.DEMO_ACCOUNT_ID,
          "BATON_BASE_URL",
          "http://127.0.0.1:9/client/v4");

  @Test
  void anAbsurdRateLimitWindowOrBudgetIsRefused() {
    for (String w : List.of("0", "-5", "86401", "1e3")) {
      assertRefused(
          "--rate-limit-window-seconds must be a whole number from 1 to 86400 (one " + "day)",
          "--rate-limit-window-seconds",
          w);
    }
    for (String r : List.of("0", "-1")) {
      assertRefused(
          "--rate-limit-requests must be a positive whole number", "--rate-limit-requests", r);
    }
    CliRun env =
        CliRun.run(
            Map.of(
                "BATON_API_TOKEN",
                Seeds.DEMO_API_TOKEN,
                "BATON_ACCOUNT_ID",
                Seeds.DEMO_ACCOUNT_ID,
                "BATON_RATE_LIMIT_WINDOW_SECONDS",
                "999999"),
            "-f",
            "/tmp/x.c1z");
    assertEquals(2, env.code(), env.both());
    assertEquals(
        List.of(
            "error: --rate-limit-window-seconds must be a whole number from 1 to "
                + "86400 (one day)"),
        env.errorLines());
  }

  @Test
  void aRetryDeadlineThatIsNoDeadlineIsRefused() {
    for (String d : List.of("0", "86401", "2147483648")) {
      assertRefused(
          "--retry-deadline-seconds must be a whole number from 1 to 86400 (one day)",
          "--retry-deadline-seconds",
          d);
    }
  }

  private static void assertRefused(String message, String flag, String value) {
    CliRun r = CliRun.run(ENV, flag + "=" + value, "-f", "/tmp/never-written.c1z");
    assertEquals(2, r.code(), flag + " " + value + "\n" + r.both());
    assertEquals(List.of("error: " + message), r.errorLines(), flag + " " + value);
    assertEquals(1, r.err().lines().count(), r.both());
  }
}
