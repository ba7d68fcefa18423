package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI refuses unknown roles and bad invitation emails before any write, in one line. */
class ProvisioningRefusalsCliTest {
  private static final String UNKNOWN_ROLE = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  CfSimulator sim;
  SimMember ana;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    ana = sim.account().memberByEmail("ana.ruiz@acme.example").orElseThrow();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void anUnknownRoleIsNotFoundAndNothingIsWritten() {
    CliRun r =
        run(
            "-p",
            "--grant-entitlement",
            "role:" + UNKNOWN_ROLE + ":member",
            "--grant-principal-type",
            "user",
            "--grant-principal",
            ana.user().id());
    assertEquals(1, r.code(), r.both());
    assertEquals(
        List.of(
            "error: role "
                + UNKNOWN_ROLE
                + " does not exist in account "
                + Seeds.DEMO_ACCOUNT_ID
                + "; see `baton-cloudflare resources -t role`"),
        r.errorLines());
    CliRun dry =
        run(
            "-p",
            "--dry-run",
            "--grant-entitlement",
            "role:" + UNKNOWN_ROLE + ":member",
            "--grant-principal-type",
            "user",
            "--grant-principal",
            ana.user().id());
    assertEquals(1, dry.code(), dry.both());
    CliRun invite =
        run(
            "-p",
            "--create-account-email",
            "new.person@acme.example",
            "--create-account-profile",
            "{\"roles\":[\"" + UNKNOWN_ROLE + "\"]}");
    assertEquals(2, invite.code(), invite.both());
    assertEquals(
        List.of(
            "error: unknown role '"
                + UNKNOWN_ROLE
                + "': use a role id or name from "
                + "`baton-cloudflare resources -t role`"),
        invite.errorLines());
    assertEquals(
        0,
        sim.requests().count("PUT", Paths.MEMBER) + sim.requests().count("POST", Paths.MEMBERS),
        "no write");
  }

  @Test
  void aBadInvitationEmailIsAUsageError() {
    CliRun r =
        run(
            "-p",
            "--create-account-email",
            "a@localhost",
            "--create-account-profile",
            "{\"roles\":[\"" + Seeds.ROLE_BILLING + "\"]}");
    assertEquals(2, r.code(), r.both());
    assertEquals(
        List.of(
            "error: invitation email: needs a name and a top-level domain, like " + "example.com"),
        r.errorLines());
    assertEquals(0, sim.requests().total());
  }

  @Test
  void removingSomeoneWhoStaysAMemberThroughAnotherRuleIsRefusedNamingItAndWritesNothing() {
    String dmitry =
        sim.account().accessUsers().stream()
            .filter(u -> u.email().equals("dmitry.sokolov@acme.example"))
            .findFirst()
            .orElseThrow()
            .id();
    CliRun r =
        run(
            "-p",
            "--revoke-grant",
            "group:" + Seeds.DEMO_GROUP_SRE + ":member:access_user:" + dmitry);
    assertEquals(1, r.code(), r.both());
    assertEquals(
        List.of(
            "error: refused: dmitry.sokolov@acme.example is a member through the "
                + "rule 'email_list "
                + Seeds.DEMO_LIST_SRE_EMAILS
                + "' as well as their email rule; "
                + "removing them needs a change to that rule"),
        r.errorLines());
    assertEquals(0, sim.requests().count("PUT", Paths.ACCESS_GROUP), "nothing written");
    assertTrue(
        sim.account()
            .group(Seeds.DEMO_GROUP_SRE)
            .orElseThrow()
            .toString()
            .contains("dmitry.sokolov@acme.example"));
  }

  private CliRun run(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--base-url", sim.baseUrl(), "-f", dir.resolve("none.c1z").toString()));
    all.addAll(List.of(args));
    return CliRun.run(ProvisioningCliTest.ENV, all.toArray(String[]::new));
  }
}
