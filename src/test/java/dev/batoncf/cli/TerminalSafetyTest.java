package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.simulator.SimRole;
import dev.batoncf.support.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloudflare data with terminal escapes and bidi overrides is shown escaped in every console output
 * and exact in JSON output.
 */
class TerminalSafetyTest {
  static final String FIRST = "E\u0007ve\u001b]0;pwned";
  static final String LAST = "\u202eredro\u202c\u0085z";
  static final String ROLE_NAME = "Ops\u001b[2J\u2066x\u2069";
  static final String ROLE_ID = "feedfacefeedfacefeedfacefeedface";
  static final String USER_ID = "eeee0000eeee0000eeee0000eeee0000";
  static final Map<String, String> ENV =
      Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN, "BATON_ACCOUNT_ID", Seeds.DEMO_ACCOUNT_ID);

  @TempDir Path dir;
  CfSimulator sim;
  Path before;
  Path after;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    before = dir.resolve("before.c1z");
    after = dir.resolve("after.c1z");
    assertEquals(0, sync(before).code());
    SimAccount a = sim.account();
    a.putRole(new SimRole(ROLE_ID, ROLE_NAME, "desc\u001b[1m", Set.of(), Set.of(), false));
    a.putMember(
        new SimMember(
            "dddd0000dddd0000dddd0000dddd0000",
            "eve@acme.example",
            "accepted",
            new SimMember.User(USER_ID, FIRST, LAST, false),
            List.of(ROLE_ID),
            List.of()));
    assertEquals(0, sync(after).code());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void listingsEscapeConsoleTextAndKeepJsonExact() {
    String shown = "E\\x07ve\\x1b]0;pwned \\u202eredro\\u202c\\x85z";
    CliRun resources = CliRun.run("resources", "-f", after.toString(), "-t", "user");
    assertSafe(resources.out());
    // the column is 40 wide: the escaped name is cut there, as every long name is
    assertTrue(resources.out().contains(shown.substring(0, 35)), resources.out());

    CliRun entitlements = CliRun.run("entitlements", "-f", after.toString(), "-t", "role");
    assertSafe(entitlements.out());
    assertTrue(entitlements.out().contains("Ops\\x1b[2J\\u2066x\\u2069"), entitlements.out());

    CliRun grants =
        CliRun.run("grants", "-f", after.toString(), "-e", "role:" + ROLE_ID + ":member");
    assertSafe(grants.out());
    assertTrue(grants.out().contains(USER_ID), grants.out());

    CliRun diff = CliRun.run("diff", "--base", before.toString(), "-f", after.toString());
    assertSafe(diff.out());
    assertTrue(diff.out().contains("+ resource user:" + USER_ID + "  " + shown), diff.out());

    CliRun json = CliRun.run("resources", "-f", after.toString(), "-t", "user", "-o", "json");
    JsonArray rows =
        JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("resources");
    boolean exact = false;
    for (JsonElement r : rows) {
      exact |=
          r.getAsJsonObject()
              .getAsJsonObject("resource")
              .get("displayName")
              .getAsString()
              .equals(FIRST + " " + LAST);
    }
    assertTrue(exact, "JSON keeps the exact name: " + json.out());
  }

  @Test
  void provisioningResultsAndErrorsAreEscaped() {
    SimMember ana = sim.account().memberByEmail("ana.ruiz@acme.example").orElseThrow();
    CliRun grant =
        CliRun.run(
            ENV,
            "--base-url",
            sim.baseUrl(),
            "-f",
            after.toString(),
            "-p",
            "--grant-entitlement",
            "role:" + ROLE_ID + ":member",
            "--grant-principal-type",
            "user",
            "--grant-principal",
            ana.user().id());
    assertEquals(0, grant.code(), grant.both());
    assertSafe(grant.out());
    assertTrue(grant.out().contains("Ops\\x1b[2J\\u2066x\\u2069 (" + ROLE_ID + ")"), grant.out());

    sim.faults()
        .next(1)
        .matching("GET", "/accounts/")
        .status(400, 1234, "bad \u001b[31mred\u001b[0m \u202eevil");
    CliRun failed =
        CliRun.run(
            ENV,
            "--base-url",
            sim.baseUrl(),
            "-f",
            dir.resolve("x.c1z").toString(),
            "--retry-deadline-seconds",
            "1");
    assertEquals(1, failed.code(), failed.both());
    assertSafe(failed.err());
    assertTrue(failed.err().contains("bad \\x1b[31mred\\x1b[0m \\u202eevil"), failed.err());
  }

  @Test
  void theHelperEscapesExactlyTheDangerousCharacters() {
    assertEquals(
        "plain text, ünïcödé, 日本語 stays", ConsoleText.escape("plain text, ünïcödé, 日本語 stays"));
    assertEquals(
        "a\\nb\\tc\\rd\\x00e\\x7ff\\x9bg\\u200eh\\u2028i\\u061cj",
        ConsoleText.escape("a\nb\tc\rd\u0000e\u007ff\u009bg\u200eh\u2028i\u061cj"));
    for (char c = 0x202a; c <= 0x202e; c++) {
      assertEquals(String.format("\\u%04x", (int) c), ConsoleText.escape(String.valueOf(c)));
    }
    for (char c = 0x2066; c <= 0x2069; c++) {
      assertEquals(String.format("\\u%04x", (int) c), ConsoleText.escape(String.valueOf(c)));
    }
  }

  private CliRun sync(Path file) {
    return CliRun.run(ENV, "--base-url", sim.baseUrl(), "-f", file.toString());
  }

  /** Nothing a terminal would act on: only printable text and line ends. */
  private static void assertSafe(String out) {
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      assertFalse(
          c != '\n' && ConsoleText.unsafe(c),
          "raw U+" + String.format("%04X", (int) c) + " at " + i + " in:\n" + out);
    }
  }
}
