package dev.batoncf.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.CliRun;
import dev.batoncf.support.SimSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncDiffTest {
  @TempDir Path dir;

  @Test
  void reportsExactlyWhatChangedBetweenTwoSyncs() throws Exception {
    SimAccount account = Seeds.demo();
    Path before = dir.resolve("before.c1z");
    Path after = dir.resolve("after.c1z");
    SimMember ana = account.memberByEmail("ana.ruiz@acme.example").orElseThrow();
    SimMember priya = account.member(Seeds.DEMO_MEMBER_PRIYA).orElseThrow();
    try (CfSimulator sim = CfSimulator.start(account)) {
      SimSync.sync(sim, SimSync.demoToken(), before, true);
      List<String> roles = new ArrayList<>(ana.roleIds());
      roles.add(Seeds.ROLE_DNS);
      account.putMember(ana.withRoles(roles));
      account.removeMember(priya.id());
      SimSync.sync(sim, SimSync.demoToken(), after, true);
    }
    List<DiffEntry> entries = new ArrayList<>();
    DiffSummary summary;
    try (C1zReader a = C1zReader.open(before);
        C1zReader b = C1zReader.open(after)) {
      summary = SyncDiff.compare(a, b, entries::add);
    }
    Set<String> got =
        entries.stream()
            .map(e -> e.change() + " " + e.kind() + " " + e.id())
            .collect(Collectors.toSet());
    Set<String> want = new java.util.HashSet<>();
    want.add("CHANGED RESOURCE user:" + ana.user().id()); // its role_ids profile changed
    want.add("ADDED GRANT role:" + Seeds.ROLE_DNS + ":member:user:" + ana.user().id());
    want.add("REMOVED RESOURCE user:" + priya.user().id());
    priya
        .roleIds()
        .forEach(r -> want.add("REMOVED GRANT role:" + r + ":member:user:" + priya.user().id()));
    // she leaves her user group too, and with it the two permissions it gave her
    String contractors = Seeds.DEMO_USER_GROUP_CONTRACTORS;
    want.add("REMOVED GRANT user_group:" + contractors + ":member:user:" + priya.user().id());
    for (String pg : List.of(Seeds.PERMISSION_GROUP_ANALYTICS, Seeds.PERMISSION_GROUP_ZONE_READ)) {
      want.add(
          "REMOVED GRANT resource_group:"
              + Seeds.RESOURCE_GROUP_ACCOUNT
              + ":"
              + pg
              + ":user:"
              + priya.user().id());
    }
    assertEquals(want, got);
    assertEquals(entries.size(), summary.total());
    assertEquals(1, summary.get(DiffEntry.Kind.GRANT, DiffEntry.Change.ADDED));
    assertEquals(
        priya.roleIds().size() + 3, summary.get(DiffEntry.Kind.GRANT, DiffEntry.Change.REMOVED));
    DiffEntry removed =
        entries.stream()
            .filter(
                e -> e.change() == DiffEntry.Change.REMOVED && e.kind() == DiffEntry.Kind.RESOURCE)
            .findFirst()
            .orElseThrow();
    assertEquals("Priya", removed.label());
  }

  @Test
  void theCliPrintsNoDifferencesForTheSameSyncAndJsonOtherwise() throws Exception {
    Path one = dir.resolve("one.c1z");
    Path two = dir.resolve("two.c1z");
    SimAccount account = Seeds.demo();
    try (CfSimulator sim = CfSimulator.start(account)) {
      SimSync.sync(sim, SimSync.demoToken(), one, false);
      account.removeMember(Seeds.DEMO_MEMBER_PENDING_NEW_HIRE);
      SimSync.sync(sim, SimSync.demoToken(), two, false);
    }
    CliRun same = CliRun.run("diff", "--base", one.toString(), "-f", one.toString());
    assertEquals(0, same.code(), same.both());
    assertEquals("no differences", same.out().trim());

    CliRun json = CliRun.run("diff", "--base", one.toString(), "-f", two.toString(), "-o", "json");
    assertEquals(0, json.code(), json.both());
    var o = JsonParser.parseString(json.out()).getAsJsonObject();
    assertEquals(1, o.getAsJsonArray("entries").size());
    var e = o.getAsJsonArray("entries").get(0).getAsJsonObject();
    assertEquals("removed", e.get("change").getAsString());
    assertEquals("invitation:" + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE, e.get("id").getAsString());
    assertEquals(
        1, o.getAsJsonObject("summary").getAsJsonObject("resources").get("removed").getAsInt());

    CliRun text = CliRun.run("diff", "--base", one.toString(), "-f", two.toString());
    assertTrue(
        text.out()
            .startsWith(
                "- resource invitation:"
                    + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE
                    + "  new.hire@acme.example\n"),
        text.out());
    assertTrue(
        text.out()
            .contains("summary: resources +0 -1 ~0; entitlements +0 -0 ~0; " + "grants +0 -0 ~0"),
        text.out());
  }

  @Test
  void csvHasOneRowPerChangeWithFormulasDefused() throws Exception {
    Path one = dir.resolve("csv-one.c1z");
    Path two = dir.resolve("csv-two.c1z");
    SimAccount account = Seeds.demo();
    SimMember ana = account.memberByEmail("ana.ruiz@acme.example").orElseThrow();
    try (CfSimulator sim = CfSimulator.start(account)) {
      SimSync.sync(sim, SimSync.demoToken(), one, false);
      account.putMember(
          new SimMember(
              ana.id(),
              ana.email(),
              ana.status(),
              new SimMember.User(
                  ana.user().id(),
                  "=SUM(A1)",
                  ana.user().lastName(),
                  ana.user().twoFactorEnabled()),
              ana.roleIds(),
              ana.policies()));
      account.removeMember(Seeds.DEMO_MEMBER_PENDING_NEW_HIRE);
      SimSync.sync(sim, SimSync.demoToken(), two, false);
    }
    CliRun csv = CliRun.run("diff", "--base", one.toString(), "-f", two.toString(), "-o", "csv");
    assertEquals(0, csv.code(), csv.both());
    assertEquals(
        "change,kind,id,label\r\n"
            + "changed,resource,user:"
            + ana.user().id()
            + ",\"'=SUM(A1) Ruiz\"\r\n"
            + "removed,resource,invitation:"
            + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE
            + ",new.hire@acme.example\r\n",
        csv.out());

    CliRun same = CliRun.run("diff", "--base", one.toString(), "-f", one.toString(), "-o", "csv");
    assertEquals("change,kind,id,label\r\n", same.out());
  }

  private static CliRun cliSync(CfSimulator sim, Path file, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--account-id",
                Seeds.DEMO_ACCOUNT_ID,
                "--base-url",
                sim.baseUrl(),
                "-f",
                file.toString(),
                "--retry-deadline-seconds",
                "3"));
    args.addAll(List.of(extra));
    return CliRun.run(
        java.util.Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN), args.toArray(String[]::new));
  }

  @Test
  void oneFileKeepsThePreviousSyncAndDiffsItsLastTwoAsBatonDiffDoes() throws Exception {
    Path file = dir.resolve("reviews.c1z");
    SimAccount account = Seeds.demo();
    try (CfSimulator sim = CfSimulator.start(account)) {
      CliRun first = cliSync(sim, file);
      assertEquals(0, first.code(), first.both());
      assertFalse(first.out().contains("earlier sync"), first.out());
      CliRun alone = CliRun.run("diff", "-f", file.toString());
      assertEquals(1, alone.code(), alone.both());
      assertEquals(1, alone.errorLines().size(), alone.both());
      assertTrue(alone.errorLines().get(0).contains("holds no finished sync before"), alone.both());

      account.removeMember(Seeds.DEMO_MEMBER_PENDING_NEW_HIRE);
      CliRun second = cliSync(sim, file);
      assertEquals(0, second.code(), second.both());
      assertTrue(
          second.out().trim().endsWith("-> " + file + " (with 1 earlier sync)"), second.out());

      byte[] kept = Files.readAllBytes(file);
      CliRun failed = cliSync(sim, file, "--api-token", "not-the-token");
      assertEquals(1, failed.code(), failed.both());
      assertArrayEquals(kept, Files.readAllBytes(file), "a failed sync leaves the file whole");
    }
    List<String> ids;
    try (C1zReader r = C1zReader.open(file)) {
      ids = r.finishedSyncs("full").stream().map(s -> s.syncId()).toList();
    }
    assertEquals(2, ids.size());

    CliRun diff = CliRun.run("diff", "-f", file.toString());
    assertEquals(0, diff.code(), diff.both());
    assertEquals(
        "- resource invitation:" + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE + "  new.hire@acme.example",
        diff.out().lines().findFirst().orElseThrow());
    assertTrue(
        diff.out().contains("summary: resources +0 -1 ~0; entitlements +0 -0 ~0; grants +0 -0 ~0"),
        diff.out());

    // Baton's flag names pick the two syncs; swapped, the change reads the other way.
    CliRun back =
        CliRun.run(
            "diff",
            "-f",
            file.toString(),
            "--base-sync-id",
            ids.get(0),
            "--applied-sync-id",
            ids.get(1),
            "-o",
            "json");
    assertEquals(0, back.code(), back.both());
    var e =
        JsonParser.parseString(back.out())
            .getAsJsonObject()
            .getAsJsonArray("entries")
            .get(0)
            .getAsJsonObject();
    assertEquals("added", e.get("change").getAsString());
    assertEquals("invitation:" + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE, e.get("id").getAsString());

    CliRun unknown =
        CliRun.run("diff", "-f", file.toString(), "--base-sync-id", "2g5Ey429hnu18tRB8Qbc3rTUCcq");
    assertEquals(1, unknown.code(), unknown.both());
    assertEquals(1, unknown.errorLines().size(), unknown.both());

    // --keep-previous-syncs 0: the next file holds only its own sync.
    try (CfSimulator sim = CfSimulator.start(account)) {
      CliRun only = cliSync(sim, file, "--keep-previous-syncs", "0");
      assertEquals(0, only.code(), only.both());
    }
    try (C1zReader r = C1zReader.open(file)) {
      assertEquals(1, r.syncRuns().size());
    }
    CliRun bad =
        CliRun.run(
            java.util.Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN),
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "-f",
            file.toString(),
            "--keep-previous-syncs",
            "-1");
    assertEquals(2, bad.code(), bad.both());
    assertEquals(
        List.of("error: --keep-previous-syncs must be a whole number from 0 to 100"),
        bad.errorLines());
  }
}
