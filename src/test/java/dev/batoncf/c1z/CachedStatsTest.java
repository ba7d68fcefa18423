package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.SimSync;
import dev.batoncf.sync.FileSync;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached {@code stats} of a real sync hold every field of Baton's {@code reader.v2.SyncStats}
 * that has a value, in Go's {@code encoding/json} form (field order, zeros and empty maps left
 * out), with the counts of the file and the sync's timings; the run is marked diffable.
 */
class CachedStatsTest {
  @TempDir Path dir;

  @Test
  void every_stats_field_baton_reads_is_written() throws Exception {
    Path file = dir.resolve("stats.c1z");
    FileSync.Result result;
    Map<String, Integer> requests;
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      result = SimSync.fileSync(sim, file, 1);
      requests = sim.requests().countsByEndpoint();
    }
    JsonObject stats;
    try (Connection c = RawC1z.open(RawC1z.extract(file, dir.resolve("stats.db")));
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select stats, supports_diff, grants_backfilled from v1_sync_runs")) {
      assertTrue(rs.next());
      stats = JsonParser.parseString(rs.getString(1)).getAsJsonObject();
      assertEquals(1, rs.getInt(2));
      assertEquals(1, rs.getInt(3));
    }
    // Go's json.Marshal of SyncStats: struct field order; assets (0) and session stats (none)
    // omitted.
    assertEquals(
        List.of(
            "resource_types",
            "resources",
            "entitlements",
            "grants",
            "resources_by_resource_type",
            "grants_by_resource_type",
            "entitlements_by_resource_type",
            "step_durations_ms",
            "connector_call_stats"),
        new ArrayList<>(stats.keySet()));
    Counts counts = result.counts();
    assertEquals(counts.resourceTypes(), stats.get("resource_types").getAsLong());
    assertEquals(counts.resources(), stats.get("resources").getAsLong());
    assertEquals(counts.entitlements(), stats.get("entitlements").getAsLong());
    assertEquals(counts.grants(), stats.get("grants").getAsLong());
    assertEquals(
        Map.of(
            "user",
            20L,
            "invitation",
            3L,
            "role",
            61L,
            "api_token",
            6L,
            "access_user",
            40L,
            "group",
            13L,
            "resource_group",
            2L,
            "user_group",
            4L,
            "access_app",
            4L),
        longs(stats.getAsJsonObject("resources_by_resource_type")));
    assertEquals(
        Map.of("role", 61L, "group", 13L, "resource_group", 6L, "user_group", 4L, "access_app", 4L),
        longs(stats.getAsJsonObject("entitlements_by_resource_type")));
    assertEquals(counts.grantsByType(), longs(stats.getAsJsonObject("grants_by_resource_type")));

    Set<String> steps = stats.getAsJsonObject("step_durations_ms").keySet();
    assertEquals(
        Set.of(
            "feed:roles",
            "feed:resource_groups",
            "feed:user_groups",
            "feed:members",
            "feed:user_group_members",
            "feed:api_tokens",
            "feed:risk_scores",
            "feed:access_users",
            "feed:access_groups",
            "feed:access_apps",
            "grant-expansion"),
        steps);
    JsonObject calls = stats.getAsJsonObject("connector_call_stats");
    // One call per Cloudflare page, as the simulator saw them.
    assertEquals(
        requests.get("GET /accounts/{account_id}/members").longValue(),
        calls.getAsJsonObject("fetch:members").get("count").getAsLong());
    assertEquals(
        requests.get("GET /accounts/{account_id}/roles").longValue(),
        calls.getAsJsonObject("fetch:roles").get("count").getAsLong());
    for (String name : calls.keySet()) {
      JsonObject call = calls.getAsJsonObject(name);
      long total = call.has("total_ms") ? call.get("total_ms").getAsLong() : 0;
      long max = call.has("max_ms") ? call.get("max_ms").getAsLong() : 0;
      assertTrue(max <= total && call.get("count").getAsLong() >= 1, name + " " + call);
    }
  }

  private static Map<String, Long> longs(JsonObject o) {
    Map<String, Long> out = new TreeMap<>();
    o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsLong()));
    return out;
  }
}
