package dev.batoncf.c1z;

import com.google.gson.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the rows of one sync with a few GROUP BY queries, for {@link Counts} and for the cached
 * {@code stats} JSON Baton keeps on {@code v1_sync_runs}. Counting from the database (rather than
 * counting put calls) keeps upserts of the same id from being counted twice.
 */
final class SyncCounter {

  private SyncCounter() {}

  /**
   * @param onlySync true when the database holds no other sync (the writer's own file): the sync
   *     filter is then dropped, which lets SQLite count from the narrow per-type indexes instead of
   *     visiting every row
   */
  static Counts count(Connection db, String syncId, boolean onlySync) throws SQLException {
    Map<String, Long> resourcesByType = new HashMap<>();
    long resourceTypes = 0;
    try (PreparedStatement st =
        db.prepareStatement(
            "select external_id from " + C1zSchema.RESOURCE_TYPES + " where sync_id = ?")) {
      st.setString(1, syncId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          resourcesByType.put(rs.getString(1), 0L);
          resourceTypes++;
        }
      }
    }
    resourcesByType.putAll(countByType(db, C1zSchema.RESOURCES, syncId, onlySync));
    Map<String, Long> entitlementsByType =
        countByType(db, C1zSchema.ENTITLEMENTS, syncId, onlySync);
    Map<String, Long> grantsByType = countByType(db, C1zSchema.GRANTS, syncId, onlySync);
    return new Counts(
        resourceTypes,
        sum(resourcesByType),
        sum(entitlementsByType),
        sum(grantsByType),
        resourcesByType,
        entitlementsByType,
        grantsByType);
  }

  /**
   * The cached {@code stats} of {@code v1_sync_runs}: Baton's {@code reader.v2.SyncStats} as Go's
   * {@code encoding/json} writes it (Baton marshals the struct with {@code json.Marshal}): snake
   * case keys in field order, zero numbers and empty maps left out, map keys sorted. So {@code
   * baton stats} finds every field it reads without recounting.
   */
  static String statsJson(Counts counts, SyncTimings timings) {
    JsonObject json = new JsonObject();
    nonZero(json, "resource_types", counts.resourceTypes());
    nonZero(json, "resources", counts.resources());
    nonZero(json, "entitlements", counts.entitlements());
    nonZero(json, "grants", counts.grants());
    nonEmpty(json, "resources_by_resource_type", toJson(counts.resourcesByType()));
    nonEmpty(json, "grants_by_resource_type", toJson(counts.grantsByType()));
    nonEmpty(json, "entitlements_by_resource_type", toJson(counts.entitlementsByType()));
    // assets (field 8) is always 0 here: Baton's syncer does not sync assets either
    nonEmpty(json, "step_durations_ms", toJson(timings.stepDurationsMs()));
    JsonObject calls = new JsonObject();
    timings
        .callStats()
        .forEach(
            (name, c) -> {
              JsonObject stat = new JsonObject();
              nonZero(stat, "count", c.count());
              nonZero(stat, "total_ms", c.totalMs());
              nonZero(stat, "max_ms", c.maxMs());
              calls.add(name, stat);
            });
    nonEmpty(json, "connector_call_stats", calls);
    return json.toString();
  }

  private static void nonZero(JsonObject json, String key, long value) {
    if (value != 0) {
      json.addProperty(key, value);
    }
  }

  private static void nonEmpty(JsonObject json, String key, JsonObject value) {
    if (value.size() > 0) {
      json.add(key, value);
    }
  }

  private static JsonObject toJson(Map<String, Long> map) {
    JsonObject out = new JsonObject();
    new java.util.TreeMap<>(map).forEach(out::addProperty);
    return out;
  }

  private static Map<String, Long> countByType(
      Connection db, String table, String syncId, boolean onlySync) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    String filter = onlySync ? "" : " where sync_id = ?";
    try (PreparedStatement st =
        db.prepareStatement(
            "select resource_type_id, count(*) from "
                + table
                + filter
                + " group by resource_type_id")) {
      if (!onlySync) {
        st.setString(1, syncId);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
