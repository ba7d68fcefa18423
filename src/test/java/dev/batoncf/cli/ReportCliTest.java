package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import dev.batoncf.support.SimSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code report} command as a user runs it: outputs, exit codes, one-line errors. */
class ReportCliTest {
  @TempDir static Path shared;
  static Path demo;

  @TempDir Path dir;

  @BeforeAll
  static void syncDemo() {
    demo = shared.resolve("sync.c1z");
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      SimSync.sync(sim, SimSync.demoToken(), demo, true);
    }
  }

  private static CliRun report(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("report"));
    all.addAll(List.of(args));
    return CliRun.run(all.toArray(String[]::new));
  }

  /** Exit code, exactly one "error:" line starting as expected, nothing on stdout. */
  private static void assertFails(CliRun r, int code, String errorStart) {
    assertEquals(code, r.code(), r.both());
    assertEquals(1, r.errorLines().size(), r.both());
    assertTrue(r.errorLines().get(0).startsWith("error: " + errorStart), r.both());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.both());
    assertEquals("", r.out(), r.both());
  }

  @Test
  void htmlGoesToStdoutByDefault() {
    CliRun r = report("-f", demo.toString(), "--as-of", "2025-07-01");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().startsWith("<!DOCTYPE html>"), r.out());
    assertTrue(r.out().contains("<b id=\"as-of\">2025-07-01 00:00:00 UTC</b>"));
    assertTrue(r.out().trim().endsWith("</html>"));
  }

  @Test
  void jsonAndCsvCarryTheSameFindings() {
    CliRun json =
        report(
            "-f",
            demo.toString(),
            "--format",
            "json",
            "--as-of",
            "2025-07-01T00:00:00Z",
            "--min-risk-level",
            "medium");
    assertEquals(0, json.code(), json.both());
    JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
    assertEquals("medium", o.getAsJsonObject("rules").get("min_risk_level").getAsString());
    JsonObject flags = o.getAsJsonObject("summary").getAsJsonObject("flags");
    assertEquals(3, flags.get("risky_user").getAsInt());
    assertEquals(6, flags.get("no_2fa").getAsInt());

    CliRun csv =
        report(
            "-f",
            demo.toString(),
            "--format",
            "csv",
            "--as-of",
            "2025-07-01",
            "--dormant-days",
            "1000",
            "--token-expiry-days",
            "0");
    assertEquals(0, csv.code(), csv.both());
    List<String> flagged = csv.out().lines().filter(l -> l.contains(",yes,")).toList();
    assertTrue(csv.out().startsWith("person,person_key,identity_type,"), csv.out());
    assertTrue(flagged.stream().noneMatch(l -> l.contains("dormant")), flagged.toString());
    assertTrue(flagged.stream().noneMatch(l -> l.contains("token_expires_soon")));
    assertTrue(flagged.stream().anyMatch(l -> l.contains("token_expired_active")));
  }

  @Test
  void outWritesAPrivateFileAtomicallyAndSaysSoOnStderr() throws Exception {
    Path out = dir.resolve("review.html");
    Files.writeString(out, "old report");
    CliRun r = report("-f", demo.toString(), "--as-of", "2025-07-01", "--out", out.toString());
    assertEquals(0, r.code(), r.both());
    assertEquals("", r.out());
    assertTrue(r.err().contains("report: 14 of 77 identities flagged -> " + out), r.err());
    assertTrue(Files.readString(out).startsWith("<!DOCTYPE html>"));
    // the old file's group read is kept (as for -f), "others" never
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList(), "no temp file left behind");
    }
  }

  @Test
  void aMissingOrForeignInputIsAOneLineRuntimeErrorAndKeepsThePreviousReport() throws Exception {
    Path out = dir.resolve("review.csv");
    Files.writeString(out, "previous");
    Path missing = dir.resolve("none.c1z");
    assertFails(
        report("-f", missing.toString(), "--out", out.toString()), 1, missing + ": no such file");
    Path foreign = dir.resolve("notes.txt");
    Files.writeString(foreign, "not a c1z at all");
    assertFails(report("-f", foreign.toString(), "--out", out.toString()), 1, foreign + ": ");
    assertEquals("previous", Files.readString(out));
    assertFails(
        report("-f", demo.toString(), "--earlier", missing.toString()),
        1,
        missing + ": no such file");
  }

  @Test
  void badFlagsAreUsageErrors() {
    CliRun format = report("-f", demo.toString(), "--format", "pdf");
    assertEquals(2, format.code(), format.both());
    assertTrue(
        format
            .err()
            .startsWith(
                "error: Invalid value for option '--format': expected one "
                    + "of [html, csv, json]"),
        format.err());
    assertFails(
        report("-f", demo.toString(), "--as-of", "yesterday"),
        2,
        "--as-of 'yesterday' is not a time like 2025-07-01T00:00:00Z or a date like 2025-07-01");
    assertFails(
        report("-f", demo.toString(), "--dormant-days", "-1"),
        2,
        "--dormant-days must be 0 or more, not -1");
    CliRun risk = report("-f", demo.toString(), "--min-risk-level", "extreme");
    assertEquals(2, risk.code(), risk.both());
  }

  @Test
  void outRefusesWhatIsNotARegularFile() throws Exception {
    assertFails(
        report("-f", demo.toString(), "--out", dir.toString()),
        2,
        "--out: cannot write " + dir + ": it is a directory, not a regular file");
    assertFails(
        report("-f", demo.toString(), "--out", "/dev/null"),
        2,
        "--out: cannot write /dev/null: it is a character device, not a regular file");
    assertTrue(!Files.isRegularFile(Path.of("/dev/null")), "/dev/null untouched");
    Path real = dir.resolve("real.html");
    Files.writeString(real, "keep");
    // a symlink is followed, as for -f (see README "Output files"): its target is replaced
    Path link = Files.createSymbolicLink(dir.resolve("link.html"), real);
    assertEquals(0, report("-f", demo.toString(), "--out", link.toString()).code());
    assertTrue(Files.isSymbolicLink(link), "the link stays a link");
    assertTrue(Files.readString(real).startsWith("<!DOCTYPE html>"), "its target has the report");
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.html"), dir.resolve("gone"));
    assertFails(
        report("-f", demo.toString(), "--out", dangling.toString()),
        2,
        "--out: cannot write " + dangling + ": it is a symbolic link to ");
    Path noDir = dir.resolve("no").resolve("such").resolve("r.html");
    assertFails(
        report("-f", demo.toString(), "--out", noDir.toString()),
        2,
        "--out: cannot write " + noDir + ": directory ");
  }

  @Test
  void stdoutIsUtf8EvenUnderTheCLocale() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.batoncf.Main",
                    "report",
                    "-f",
                    demo.toString(),
                    "--format",
                    "csv",
                    "--as-of",
                    "2025-07-01"))
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("BATON_") || k.startsWith("LC_"));
    pb.environment().put("LANG", "C");
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor());
    String csv = new String(out, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(csv.contains("\nJosé Müller,email:jose.muller@acme.example,user,"), csv);
    assertTrue(csv.contains("Σοφία Παπαδοπούλου"));
  }
}
