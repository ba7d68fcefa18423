package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors name the real cause and what to fix: an invalid token, a base URL without /client/v4, JSON
 * nested past any sane depth, a flag picocli cannot parse. One line, exit 2 for local input.
 */
class ErrorAdviceTest {
  @TempDir Path dir;
  CfSimulator sim;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void anInvalidTokenSaysTheTokenIsInvalid() {
    CliRun r = sync(sim.baseUrl(), "not-the-token-0123456789");
    assertEquals(1, r.code(), r.both());
    assertEquals(
        List.of(
            "error: Cloudflare rejected the API token: check --api-token " + "(BATON_API_TOKEN)"),
        r.err().lines().toList());
  }

  @Test
  void aBaseUrlWithoutTheApiPathSaysSo() {
    String root = sim.baseUrl().replace("/client/v4", "");
    for (String wrong : List.of(root, root + "/client/v5", root + "/api")) {
      CliRun r = sync(wrong, Seeds.DEMO_API_TOKEN);
      assertEquals(2, r.code(), wrong + "\n" + r.both());
      assertEquals(
          List.of(
              "error: the base URL did not answer like Cloudflare's API (a 404 page, "
                  + "not its JSON): --base-url must be the API root, e.g. "
                  + "https://api.cloudflare.com/client/v4 (GET /accounts/{account_id} -> HTTP 404)"),
          r.err().lines().toList(),
          wrong);
    }
    // a wrong account under the right path still gets the account advice
    CliRun account =
        CliRun.run(
            Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN),
            "--base-url",
            sim.baseUrl(),
            "--account-id",
            "00000000000000000000000000000000",
            "-f",
            dir.resolve("a.c1z").toString());
    assertEquals(1, account.code(), account.both());
    assertEquals(
        List.of(
            "error: the credentials cannot read account "
                + "00000000000000000000000000000000: check --account-id and that the credential has "
                + "'Account Settings Read' on that account"),
        account.err().lines().toList());
  }

  @Test
  void deeplyNestedJsonIsOneLineAndExitTwo() {
    String nested = "[".repeat(100_000);
    String objects = "{\"a\":".repeat(100_000);
    for (String json : List.of(nested, objects)) {
      CliRun action =
          CliRun.run(
              Map.of(),
              "--demo",
              "--invoke-action",
              "get_ip_overview",
              "--invoke-action-args",
              json);
      assertOneLine(action, 2);
      CliRun profile =
          CliRun.run(
              Map.of(),
              "--demo",
              "-p",
              "--create-account-email",
              "new.person@acme.example",
              "--create-account-profile",
              json);
      assertOneLine(profile, 2);
    }
  }

  @Test
  void aFlagPicocliCannotParseIsOneLine() {
    CliRun bad = CliRun.run("resources", "-f", "x.c1z", "-o", "yaml");
    assertEquals(2, bad.code());
    assertEquals(
        List.of(
            "error: Invalid value for option '--output-format': expected one of "
                + "[console, json] (case-insensitive) but was 'yaml' (see baton-cloudflare resources "
                + "--help)"),
        bad.err().lines().toList());
    CliRun unknown = CliRun.run("--no-such-flag");
    assertEquals(
        List.of("error: Unknown option: '--no-such-flag' (see baton-cloudflare --help)"),
        unknown.err().lines().toList());
    assertEquals(2, unknown.code());
  }

  private CliRun sync(String baseUrl, String token) {
    return CliRun.run(
        Map.of("BATON_API_TOKEN", token),
        "--base-url",
        baseUrl,
        "--account-id",
        Seeds.DEMO_ACCOUNT_ID,
        "-f",
        dir.resolve("out.c1z").toString(),
        "--retry-deadline-seconds",
        "2");
  }

  static void assertOneLine(CliRun r, int code) {
    assertEquals(code, r.code(), r.both());
    assertEquals(1, r.err().lines().count(), r.both());
    assertEquals(1, r.errorLines().size(), r.both());
    assertFalse(
        r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("Error:"),
        r.both());
  }
}
