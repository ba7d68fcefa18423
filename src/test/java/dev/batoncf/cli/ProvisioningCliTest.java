package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.Main;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provisioning and progress as a user sees them: flags in, exit code and output out. */
class ProvisioningCliTest {
  static final Map<String, String> ENV =
      Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN, "BATON_ACCOUNT_ID", Seeds.DEMO_ACCOUNT_ID);

  @TempDir Path dir;
  CfSimulator sim;
  SimMember ana;
  String dns = Seeds.ROLE_DNS;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    ana = sim.account().memberByEmail("ana.ruiz@acme.example").orElseThrow();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private CliRun run(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--base-url", sim.baseUrl(), "-f", dir.resolve("none.c1z").toString()));
    all.addAll(List.of(args));
    return CliRun.run(ENV, all.toArray(String[]::new));
  }

  private String[] grantAnaDns(String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--grant-entitlement",
                "role:" + dns + ":member",
                "--grant-principal-type",
                "user",
                "--grant-principal",
                ana.user().id()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  @Test
  void withoutProvisioningNothingIsSentAndTheExitCodeIsTwo() {
    CliRun r = run(grantAnaDns());
    assertEquals(2, r.code(), r.both());
    assertEquals(
        List.of(
            "error: provisioning is not enabled, so nothing was sent: add "
                + "-p/--provisioning (or BATON_PROVISIONING=true) to allow writes, or --dry-run to see "
                + "what would be sent"),
        r.errorLines());
    assertEquals(0, sim.requests().total());
  }

  @Test
  void grantPrintsBeforeAndAfterAndChangesCloudflare() {
    CliRun r = run(grantAnaDns("-p"));
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out().startsWith("done: grant role:" + dns + ":member to user:" + ana.user().id()),
        r.out());
    assertTrue(r.out().contains("  before: Administrator Read Only ("), r.out());
    assertTrue(r.out().contains("DNS (" + dns + ")"), r.out());
    assertTrue(sim.account().member(ana.id()).orElseThrow().roleIds().contains(dns));

    CliRun again = run(grantAnaDns("-p", "-o", "json"));
    assertEquals(0, again.code());
    var json = JsonParser.parseString(again.out()).getAsJsonObject();
    assertEquals("ALREADY_DONE", json.get("outcome").getAsString());
    assertEquals(
        1, sim.requests().matching("PUT", "/accounts/{account_id}/members/{member_id}").size());
  }

  @Test
  void dryRunReadsAndPrintsTheRequestWithoutWriting() {
    CliRun r = run(grantAnaDns("--dry-run"));
    assertEquals(0, r.code(), r.both());
    assertTrue(
        r.out()
            .contains(
                "  would send: PUT /accounts/"
                    + Seeds.DEMO_ACCOUNT_ID
                    + "/members/"
                    + ana.id()
                    + " {\"roles\":["),
        r.out());
    assertEquals(0, sim.requests().all().stream().filter(x -> !x.method().equals("GET")).count());
  }

  @Test
  void aRefusalExitsOneWithTheReason() {
    CliRun r =
        run(
            "-p",
            "--revoke-grant",
            "role:" + ana.roleIds().get(0) + ":member:user:" + ana.user().id());
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.errorLines()
            .get(0)
            .startsWith("error: refused: it is the last role of member " + "ana.ruiz@acme.example"),
        r.both());
  }

  @Test
  void malformedIdsAndConflictingOperationsAreUsageErrors() {
    assertEquals(2, run("-p", "--revoke-grant", "role:x").code());
    assertEquals(
        2,
        run(
                "-p",
                "--revoke-grant",
                "role:a:member:user:b",
                "--delete-resource",
                "x",
                "--delete-resource-type",
                "user")
            .code());
    assertEquals(2, run("-p", "--delete-resource", "x").code());
    assertEquals(0, sim.requests().total());
  }

  @Test
  void inviteAndDeleteEndToEnd() {
    CliRun invite =
        run(
            "-p",
            "--create-account-email",
            "new.person@acme.example",
            "--create-account-profile",
            "{\"roles\":[\"DNS\"]}",
            "-o",
            "json");
    assertEquals(0, invite.code(), invite.both());
    String resource =
        JsonParser.parseString(invite.out()).getAsJsonObject().get("resource").getAsString();
    String memberId = sim.account().memberByEmail("new.person@acme.example").orElseThrow().id();
    assertEquals("invitation:" + memberId, resource);
    CliRun delete =
        run("-p", "--delete-resource", memberId, "--delete-resource-type", "invitation");
    assertEquals(0, delete.code(), delete.both());
    assertTrue(sim.account().memberByEmail("new.person@acme.example").isEmpty());
  }

  @Test
  void progressIsDrawnOnATerminalOnly() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext tty =
        new CliContext(ENV, new PrintWriter(out, true), new PrintWriter(err, true), true);
    int code = Main.run(tty, "--base-url", sim.baseUrl(), "-f", dir.resolve("p.c1z").toString());
    assertEquals(0, code, err.toString());
    assertTrue(err.toString().contains("\r\033[Ksyncing members: "), err.toString());
    assertTrue(
        err.toString().contains("syncing access groups: 13 pages fetched, "), err.toString());
    CliRun pipe = run();
    assertEquals(0, pipe.code());
    assertFalse(pipe.err().contains("syncing members"), pipe.err());
  }
}
