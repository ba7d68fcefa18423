package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  static final String ACCT = Seeds.DEMO_ACCOUNT_ID;
  static final String TOKEN = Seeds.DEMO_API_TOKEN;

  @TempDir Path dir;
  CfSimulator sim;
  Path out;
  byte[] previous = "previous output".getBytes();

  @BeforeEach
  void start() throws Exception {
    sim = CfSimulator.start(Seeds.demo());
    out = dir.resolve("out.c1z");
    Files.write(out, previous);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private CliRun sync(Map<String, String> env, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--base-url",
                sim.baseUrl(),
                "-f",
                out.toString(),
                "--retry-deadline-seconds",
                "3"));
    args.addAll(List.of(extra));
    return CliRun.run(env, args.toArray(String[]::new));
  }

  /** One "error:" line, the exit code, no stack trace, no secret, the old file intact. */
  private void assertCleanFailure(CliRun r, int code, String message) throws Exception {
    assertEquals(code, r.code(), r.both());
    assertEquals(List.of("error: " + message), r.errorLines(), r.both());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.both());
    assertFalse(r.both().contains(TOKEN), "secret leaked: " + r.both());
    assertArrayEquals(previous, Files.readAllBytes(out), "previous output must survive");
  }

  @Test
  void syncWritesTheFileAndPrintsAOneLineSummary() throws Exception {
    CliRun r = sync(Map.of("BATON_API_TOKEN", TOKEN), "--account-id", ACCT);
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out()
            .startsWith(
                "synced 20 users, 3 invitations, 61 roles, 6 api tokens, "
                    + "2 resource groups, 4 user groups, 40 access users, 13 groups, 4 access apps; "),
        r.out());
    assertTrue(r.out().trim().endsWith("-> " + out), r.out());
    assertFalse(r.both().contains(TOKEN));
    assertEquals('C', (char) Files.readAllBytes(out)[0]);
  }

  @Test
  void missingCredentialsIsAUsageErrorAndNothingIsSent() throws Exception {
    CliRun r = sync(Map.of(), "--account-id", ACCT);
    assertCleanFailure(
        r,
        2,
        "no credentials: set --api-token (BATON_API_TOKEN), or --email and "
            + "--api-key (BATON_EMAIL, BATON_API_KEY)");
    assertEquals(0, sim.requests().total());
  }

  @Test
  void conflictingCredentialsIsAUsageError() throws Exception {
    CliRun r =
        sync(
            Map.of("BATON_API_TOKEN", TOKEN, "BATON_API_KEY", "k-123456", "BATON_EMAIL", "a@b.co"),
            "--account-id",
            ACCT);
    assertCleanFailure(
        r,
        2,
        "both an API token and an email/global API key are set: use one "
            + "auth mode (--api-token, or --email with --api-key)");
  }

  @Test
  void wrongTokenSaysWhatToFix() throws Exception {
    CliRun r = sync(Map.of("BATON_API_TOKEN", "wrong-token-value-123"), "--account-id", ACCT);
    assertCleanFailure(
        r, 1, "Cloudflare rejected the API token: check --api-token " + "(BATON_API_TOKEN)");
    assertFalse(r.both().contains("wrong-token-value-123"));
  }

  @Test
  void wrongAccountIdSaysWhatToFix() throws Exception {
    String other = "0123456789abcdef0123456789abcdef";
    CliRun r = sync(Map.of("BATON_API_TOKEN", TOKEN), "--account-id", other);
    assertCleanFailure(
        r,
        1,
        "the credentials cannot read account "
            + other
            + ": check "
            + "--account-id and that the credential has 'Account Settings Read' on that account");
  }

  @Test
  void plainHttpToANonLoopbackHostIsRefused() throws Exception {
    CliRun r =
        CliRun.run(
            Map.of("BATON_API_TOKEN", TOKEN),
            "--account-id",
            ACCT,
            "--base-url",
            "http://api.example.com/client/v4",
            "-f",
            out.toString());
    assertEquals(2, r.code(), r.both());
    assertEquals(1, r.errorLines().size(), r.both());
    assertTrue(r.errorLines().get(0).contains("https"), r.both());
    assertArrayEquals(previous, Files.readAllBytes(out));
  }

  @Test
  void unreachableBaseUrlIsARuntimeError() throws Exception {
    CliRun r =
        CliRun.run(
            Map.of("BATON_API_TOKEN", TOKEN),
            "--account-id",
            ACCT,
            "--base-url",
            "http://127.0.0.1:1/client/v4",
            "-f",
            out.toString(),
            "--retry-deadline-seconds",
            "1");
    assertEquals(1, r.code(), r.both());
    assertEquals(1, r.errorLines().size(), r.both());
    assertTrue(r.errorLines().get(0).startsWith("error: could not reach Cloudflare"), r.both());
    assertArrayEquals(previous, Files.readAllBytes(out));
  }

  @Test
  void invalidYamlIsAUsageErrorNamingTheLine() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "account-id: " + ACCT + "\napi-token: [oops\n");
    CliRun r = sync(Map.of(), "--config", yaml.toString());
    assertEquals(2, r.code(), r.both());
    assertTrue(
        r.errorLines()
            .get(0)
            .startsWith("error: config file " + yaml + " is not valid YAML at line"),
        r.both());
    assertArrayEquals(previous, Files.readAllBytes(out));
  }

  @Test
  void unwritableOutputPathIsAUsageErrorBeforeAnyRequest() throws Exception {
    Path missingDir = dir.resolve("nope").resolve("x.c1z");
    CliRun r =
        CliRun.run(
            Map.of("BATON_API_TOKEN", TOKEN),
            "--account-id",
            ACCT,
            "--base-url",
            sim.baseUrl(),
            "-f",
            missingDir.toString());
    assertEquals(2, r.code(), r.both());
    assertEquals(
        List.of(
            "error: --file "
                + missingDir
                + ": directory "
                + missingDir.getParent()
                + " does not exist"),
        r.errorLines());
    assertEquals(0, sim.requests().total());
  }

  @Test
  void debugLevelShowsTheStackTraceButStillNoSecret() throws Exception {
    CliRun r =
        sync(
            Map.of("BATON_API_TOKEN", "wrong-token-value-123"),
            "--account-id",
            ACCT,
            "--log-level",
            "trace");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("\tat "), "stack trace at debug: " + r.both());
    assertFalse(r.both().contains("wrong-token-value-123"), r.both());
  }

  @Test
  void traceLogsOfASuccessfulSyncNeverContainTheToken() {
    CliRun r =
        sync(
            Map.of("BATON_API_TOKEN", TOKEN),
            "--account-id",
            ACCT,
            "--log-level",
            "trace",
            "--log-format",
            "json");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.err().lines().count() > 10, "trace produced logs");
    assertFalse(r.both().contains(TOKEN), "token leaked");
    r.err().lines().filter(l -> l.startsWith("{")).forEach(JsonParser::parseString);
  }

  @Test
  void demoPrintsASummaryAndTheReadersShowIt() throws Exception {
    Path demo = dir.resolve("demo.c1z");
    CliRun r = CliRun.run("--demo", "-f", demo.toString());
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("  user                 20"), r.out());
    assertTrue(r.out().contains("  invitation            3"), r.out());

    CliRun res = CliRun.run("resources", "-f", demo.toString(), "-t", "invitation");
    assertEquals(0, res.code(), res.both());
    assertEquals(4, res.out().lines().count(), res.out());
    assertTrue(res.out().startsWith("TYPE"), res.out());

    CliRun json =
        CliRun.run("grants", "-f", demo.toString(), "-o", "json", "--principal-type", "group");
    assertEquals(0, json.code(), json.both());
    // Baton's `baton grants -o json` shape: {"grants":[{"grant","entitlement","resource",...}]}
    var arr = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("grants");
    assertTrue(arr.size() > 0);
    arr.forEach(
        g -> {
          var o = g.getAsJsonObject();
          assertEquals(
              "group",
              o.getAsJsonObject("grant")
                  .getAsJsonObject("principal")
                  .getAsJsonObject("id")
                  .get("resourceType")
                  .getAsString());
          assertEquals(
              Set.of("grant", "entitlement", "resource", "resourceType", "principal"), o.keySet());
          // group principals hold nested-group and application grants
          String type = o.getAsJsonObject("resourceType").get("id").getAsString();
          assertEquals(
              type.equals("group") ? "Access Group" : "Access Application",
              o.getAsJsonObject("resourceType").get("displayName").getAsString(),
              type);
        });
  }

  @Test
  void readingAMissingOrForeignFileIsAOneLineError() throws Exception {
    CliRun missing = CliRun.run("resources", "-f", dir.resolve("none.c1z").toString());
    assertEquals(1, missing.code());
    assertEquals(1, missing.errorLines().size(), missing.both());
    CliRun foreign = CliRun.run("resources", "-f", out.toString());
    assertEquals(1, foreign.code());
    assertEquals(1, foreign.errorLines().size(), foreign.both());
  }

  @Test
  void capabilitiesAndConfigSchemaAreJson() {
    CliRun caps = CliRun.run("capabilities");
    assertEquals(0, caps.code());
    var c = JsonParser.parseString(caps.out()).getAsJsonObject();
    assertEquals(
        "type.googleapis.com/c1.connector.v2.ConnectorCapabilities", c.get("@type").getAsString());
    CliRun schema = CliRun.run("config");
    var s = JsonParser.parseString(schema.out()).getAsJsonObject();
    assertTrue(
        s.getAsJsonObject("properties")
            .getAsJsonObject("api-token")
            .get("x-secret")
            .getAsBoolean());
    assertEquals(
        "BATON_ACCOUNT_ID",
        s.getAsJsonObject("properties").getAsJsonObject("account-id").get("x-env").getAsString());
  }

  @Test
  void unknownFlagIsAUsageError() {
    CliRun r = CliRun.run("--no-such-flag");
    assertEquals(2, r.code(), r.both());
  }
}
