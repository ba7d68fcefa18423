package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk summary and list items, which Cloudflare's schema declares unpaged: pages that
 * result_info announces are read, and a count that does not add up leaves risk unknown and the
 * list's rules undecided instead of passing a partial read for the whole (cloudflare-api.md §18).
 */
class UnpagedListsTest {
  @TempDir Path dir;

  private record Run(Path file, RequestLog requests) {}

  private Run sync(SimAccount a, String name, java.util.function.Consumer<CfSimulator> faults) {
    Path f = dir.resolve(name);
    try (CfSimulator sim = CfSimulator.start(a)) {
      faults.accept(sim);
      SimSync.sync(sim, SimSync.demoToken(), f, true);
      return new Run(f, sim.requests());
    }
  }

  private static Map<String, String> riskLevels(Path f) {
    Map<String, String> out = new TreeMap<>();
    for (Resource r : SimSync.resources(f, "access_user")) {
      var v = r.getProfile().getFieldsMap().get("risk_level");
      if (v != null) {
        out.put(r.getId().getResource(), v.getStringValue());
      }
    }
    return out;
  }

  private static Set<String> grantIds(Path f, String type) {
    return SimSync.grants(f, type).stream()
        .filter(g -> g.getSources().getSourcesCount() == 0)
        .map(Grant::getId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> profileList(Path f, String type, String id, String key) {
    Resource r =
        SimSync.resources(f, type).stream()
            .filter(x -> x.getId().getResource().equals(id))
            .findFirst()
            .orElseThrow();
    var v = r.getProfile().getFieldsMap().get(key);
    return v == null
        ? List.of()
        : v.getListValue().getValuesList().stream().map(x -> x.getStringValue()).toList();
  }

  /** Overstates total_count by {@code extra}, keeping per_page equal to what was returned. */
  private static JsonObject overstate(JsonObject env, int extra) {
    JsonObject info = env.getAsJsonObject("result_info");
    int count = info.get("count").getAsInt();
    info.addProperty("per_page", Math.max(count, 1));
    info.addProperty("total_count", count + extra);
    return env;
  }

  @Test
  void pagesThatResultInfoAnnouncesAreReadAndGiveTheSameGraph() {
    Run whole = sync(Seeds.demo(), "whole.c1z", sim -> {});
    Run paged = sync(Seeds.demo().pageUnpagedLists(2), "paged.c1z", sim -> {});
    assertEquals(riskLevels(whole.file()), riskLevels(paged.file()));
    assertEquals(4, riskLevels(whole.file()).size(), riskLevels(whole.file()).toString());
    assertEquals(grantIds(whole.file(), "group"), grantIds(paged.file(), "group"));
    assertEquals(grantIds(whole.file(), "access_app"), grantIds(paged.file(), "access_app"));
    List<RequestLog.Recorded> summary =
        paged.requests().all().stream()
            .filter(r -> r.template().equals(Paths.RISK_SUMMARY))
            .toList();
    // 4 scored users at 2 a page: pages 1 and 2; page 1 is asked without any paging parameter.
    assertEquals(2, summary.size());
    assertNull(summary.get(0).query().get("page"));
    assertEquals("2", summary.get(1).query().get("page"));
    assertEquals(1, whole.requests().count("GET", Paths.RISK_SUMMARY));
    // SRE list (4 items at 2 a page) and partner list (3 items): 2 + 2 requests instead of 1 + 1.
    assertEquals(4, paged.requests().count("GET", Paths.LIST_ITEMS));
    assertEquals(2, whole.requests().count("GET", Paths.LIST_ITEMS));
  }

  @Test
  void aRiskSummaryShortOfItsCountLeavesRiskUnknown() {
    Run whole = sync(Seeds.demo(), "whole.c1z", sim -> {});
    Run short1 =
        sync(
            Seeds.demo(),
            "short.c1z",
            sim ->
                sim.faults()
                    .next(Integer.MAX_VALUE)
                    .matching("GET", "/zt_risk_scoring/summary")
                    .rewrite(env -> overstate(env, 5)));
    assertEquals(
        List.of(), profileList(whole.file(), "group", Seeds.DEMO_GROUP_ENGINEERING, "conditions"));
    assertEquals(
        List.of("exclude user_risk_score high"),
        profileList(short1.file(), "group", Seeds.DEMO_GROUP_ENGINEERING, "conditions"));
    String rafaelOnCi =
        "access_app:" + Seeds.DEMO_APP_CI + ":access:access_user:" + Seeds.DEMO_ACCESS_USER_RAFAEL;
    assertFalse(grantIds(whole.file(), "access_app").contains(rafaelOnCi), "high risk: excluded");
    assertTrue(
        grantIds(short1.file(), "access_app").contains(rafaelOnCi),
        "risk unknown: the exclusion is a condition, never a guess");
    assertEquals(
        List.of("allow Build admins: exclude user_risk_score high"),
        profileList(short1.file(), "access_app", Seeds.DEMO_APP_CI, "conditions"));
  }

  @Test
  void aListShortOfItsCountLeavesItsRulesUndecided() {
    SimAccount a = Seeds.demo();
    String dmitry =
        a.accessUsers().stream()
            .filter(u -> u.email().equals("dmitry.sokolov@acme.example"))
            .findFirst()
            .orElseThrow()
            .id();
    Run short1 =
        sync(
            a,
            "shortlist.c1z",
            sim ->
                sim.faults()
                    .next(Integer.MAX_VALUE)
                    .matching("GET", Seeds.DEMO_LIST_SRE_EMAILS + "/items")
                    .rewrite(env -> overstate(env, 1)));
    String prefix = "group:" + Seeds.DEMO_GROUP_SRE + ":member:access_user:";
    Set<String> sre =
        grantIds(short1.file(), "group").stream()
            .filter(id -> id.startsWith(prefix))
            .map(id -> id.substring(prefix.length()))
            .collect(Collectors.toSet());
    assertEquals(Set.of(dmitry), sre, "only the email rule decides");
    assertEquals(
        List.of("email_list " + Seeds.DEMO_LIST_SRE_EMAILS),
        profileList(short1.file(), "group", Seeds.DEMO_GROUP_SRE, "membership_also_granted_by"));
  }
}
