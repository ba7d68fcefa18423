package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.AuditEvents;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.simulator.AdminConsole;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.CliRun;
import dev.batoncf.support.SimSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reason an incremental sync runs a full one instead, with its one-line message, and the
 * request counts that show which way it went.
 */
class IncrementalFallbackTest {
  @TempDir Path dir;
  private CfSimulator sim;
  private Path file;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    file = dir.resolve("sync.c1z");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private IncrementalSync.Result run(Clock clock, Duration fullSyncEvery) throws IOException {
    try (CloudflareClient client = SimSync.client(sim, SimSync.demoToken())) {
      CloudflareConnector c = new CloudflareConnector(client, new ConnectorOptions(true));
      return new IncrementalSync(c, null, 1, fullSyncEvery, clock, AuditEvents.standard(), false)
          .run(file, Progress.NONE);
    }
  }

  private IncrementalSync.Result run() throws IOException {
    return run(Clock.systemDefaultZone(), IncrementalSync.DEFAULT_FULL_SYNC_EVERY);
  }

  /** A fallback wrote a complete full sync: the same rows as a full sync of the same state. */
  private void assertFullSync(IncrementalSync.Result r, String reason) {
    assertEquals(reason, r.fallbackReason());
    Path full = dir.resolve("full-" + System.nanoTime() + ".c1z");
    SimSync.fileSync(sim, full, 0);
    IncrementalPropertyTest.assertSame(full, file, reason);
  }

  @Test
  void withoutAPreviousFileItSaysSoAndSyncsInFull() throws IOException {
    assertFullSync(run(), "no previous file " + file);
  }

  @Test
  void anUnreadablePreviousFileIsNamedWithItsProblem() throws IOException {
    Files.writeString(file, "not a sync file");
    IOException why = assertThrows(IOException.class, () -> C1zReader.open(file).close());
    assertFullSync(run(), "the previous file cannot be read (" + why.getMessage() + ")");
  }

  @Test
  void aFileOfAnotherAccountIsNotAStart() throws IOException {
    SimAccount other = Seeds.generated(Seeds.Scale.ofMembers(20), 3);
    try (CfSimulator otherSim = CfSimulator.start(other)) {
      otherSim.account().acceptApiToken(Seeds.DEMO_API_TOKEN, Seeds.DEMO_TOKEN_ID, true);
      SimSync.fileSync(otherSim, file, 1);
    }
    assertFullSync(
        run(),
        "the previous sync in "
            + file
            + " is of account "
            + other.id()
            + ", not "
            + Seeds.DEMO_ACCOUNT_ID);
  }

  @Test
  void aFullSyncIsDueEveryPeriod() throws IOException {
    assertEquals("no previous file " + file, run().fallbackReason());
    Clock later = Clock.offset(Clock.systemDefaultZone(), Duration.ofHours(25));
    assertFullSync(
        run(later, Duration.ofHours(24)),
        "the last full sync began 1d1h ago (--full-sync-every 1d)");
  }

  @Test
  void theIncrementalChainKeepsTheTimeOfItsFullSync() throws IOException {
    run();
    assertNull(run().fallbackReason(), "the second sync is incremental");
    Clock later = Clock.offset(Clock.systemDefaultZone(), Duration.ofHours(7));
    assertFullSync(
        run(later, Duration.ofHours(7)), "the last full sync began 7h ago (--full-sync-every 7h)");
  }

  @Test
  void aWindowBeyondTheLogsReachFallsBack() throws IOException {
    run();
    Clock later = Clock.offset(Clock.systemDefaultZone(), Duration.ofDays(30).minusMinutes(5));
    assertFullSync(
        run(later, Duration.ofDays(30)),
        "the audit log reaches back 30d and the previous sync began 29d23h55m ago");
  }

  @Test
  void aFailedLogReadFallsBack() throws IOException {
    run();
    sim.account().denyPermission("audit");
    IncrementalSync.Result r = run();
    assertEquals(1, sim.requests().count("GET", Paths.AUDIT_LOGS));
    assertFullSync(
        r,
        "the audit log could not be read (Cloudflare denied the request (missing"
            + " permission?) (GET /accounts/{account_id}/logs/audit -> HTTP 403): 10000"
            + " Authentication error)");
  }

  @Test
  void anEventNotUnderstoodFallsBack() throws IOException {
    run();
    new AdminConsole(sim.account()).logOther("workers", "script", "w1", "update");
    assertFullSync(run(), "audit-log event not understood: workers/script update");
  }

  @Test
  void anEventOnATypeWithoutSingleRefetchFallsBack() throws IOException {
    run();
    new AdminConsole(sim.account()).logOther("iam", "user_group", "g1", "update");
    assertFullSync(
        run(),
        "audit-log event on a user group, which an incremental sync cannot re-fetch on its own");
  }

  @Test
  void viewsAreNotChanges() throws IOException {
    run();
    new AdminConsole(sim.account()).logOther("workers", "script", "w1", "view");
    IncrementalSync.Result r = run();
    assertNull(r.fallbackReason());
    assertEquals(1, r.auditPages());
  }

  @Test
  void theCliSaysWhyInOneLineAndThenSyncsIncrementally() throws IOException {
    Map<String, String> env = Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    String[] args = {
      "--base-url",
      sim.baseUrl(),
      "--account-id",
      Seeds.DEMO_ACCOUNT_ID,
      "-f",
      file.toString(),
      "--incremental",
      "--log-format",
      "console"
    };
    CliRun first = CliRun.run(env, args);
    assertEquals(0, first.code(), first.both());
    assertEquals(
        1,
        first
            .err()
            .lines()
            .filter(l -> l.endsWith("full sync instead of incremental: no previous file " + file))
            .count(),
        first.both());
    long membersBefore = sim.requests().count("GET", Paths.MEMBERS);
    CliRun second = CliRun.run(env, args);
    assertEquals(0, second.code(), second.both());
    assertTrue(second.err().lines().noneMatch(l -> l.contains("full sync instead")), second.both());
    // only the pending-invitation list is read again, not every member
    assertEquals(1, sim.requests().count("GET", Paths.MEMBERS) - membersBefore);
    CliRun bad =
        CliRun.run(
            env,
            "--base-url",
            sim.baseUrl(),
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "-f",
            file.toString(),
            "--full-sync-every",
            "6h");
    assertEquals(2, bad.code(), bad.both());
    assertEquals(
        java.util.List.of("error: --full-sync-every applies only with --incremental"),
        bad.errorLines());
  }
}
