package dev.batoncf.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.CliRun;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncDiffTest {
  @TempDir
  Path dir;

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
    try (C1zReader a = C1zReader.open(before); C1zReader b = C1zReader.open(after)) {
      summary = SyncDiff.compare(a, b, entries::add);
    }
    Set<String> got = entries.stream().map(e -> e.change() + " " + e.kind() + " " + e.id())
        .collect(Collectors.toSet());
    Set<String> want = new java.util.HashSet<>();
    want.add("CHANGED RESOURCE user:" + ana.user().id()); // its role_ids profile changed
    want.add("ADDED GRANT role:" + Seeds.ROLE_DNS + ":member:user:" + ana.user().id());
    want.add("REMOVED RESOURCE user:" + priya.user().id());
    priya.roleIds().forEach(r ->
        want.add("REMOVED GRANT role:" + r + ":member:user:" + priya.user().id()));
    assertEquals(want, got);
    assertEquals(entries.size(), summary.total());
    assertEquals(1, summary.get(DiffEntry.Kind.GRANT, DiffEntry.Change.ADDED));
    assertEquals(priya.roleIds().size(),
        summary.get(DiffEntry.Kind.GRANT, DiffEntry.Change.REMOVED));
    DiffEntry removed = entries.stream().filter(e -> e.change() == DiffEntry.Change.REMOVED
        && e.kind() == DiffEntry.Kind.RESOURCE).findFirst().orElseThrow();
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
    assertEquals(1, o.getAsJsonObject("summary").getAsJsonObject("resources").get("removed")
        .getAsInt());

    CliRun text = CliRun.run("diff", "--base", one.toString(), "-f", two.toString());
    assertTrue(text.out().startsWith("- resource invitation:" + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE
        + "  new.hire@acme.example\n"), text.out());
    assertTrue(text.out().contains("summary: resources +0 -1 ~0; entitlements +0 -0 ~0; "
        + "grants +0 -0 ~0"), text.out());
  }

  @Test
  void csvHasOneRowPerChangeWithFormulasDefused() throws Exception {
    Path one = dir.resolve("csv-one.c1z");
    Path two = dir.resolve("csv-two.c1z");
    SimAccount account = Seeds.demo();
    SimMember ana = account.memberByEmail("ana.ruiz@acme.example").orElseThrow();
    try (CfSimulator sim = CfSimulator.start(account)) {
      SimSync.sync(sim, SimSync.demoToken(), one, false);
      account.putMember(new SimMember(ana.id(), ana.email(), ana.status(), new SimMember.User(
          ana.user().id(), "=SUM(A1)", ana.user().lastName(), ana.user().twoFactorEnabled()),
          ana.roleIds(), ana.policies()));
      account.removeMember(Seeds.DEMO_MEMBER_PENDING_NEW_HIRE);
      SimSync.sync(sim, SimSync.demoToken(), two, false);
    }
    CliRun csv = CliRun.run("diff", "--base", one.toString(), "-f", two.toString(), "-o", "csv");
    assertEquals(0, csv.code(), csv.both());
    assertEquals("change,kind,id,label\r\n"
        + "changed,resource,user:" + ana.user().id() + ",\"'=SUM(A1) Ruiz\"\r\n"
        + "removed,resource,invitation:" + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE
        + ",new.hire@acme.example\r\n", csv.out());

    CliRun same = CliRun.run("diff", "--base", one.toString(), "-f", one.toString(), "-o", "csv");
    assertEquals("change,kind,id,label\r\n", same.out());
  }
}
