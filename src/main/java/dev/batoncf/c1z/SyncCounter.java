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

    private SyncCounter() {
    }

    /**
     * @param onlySync true when the database holds no other sync (the writer's own file): the
     *     sync filter is then dropped, which lets SQLite count from the narrow per-type indexes
     *     instead of visiting every row
     */
    static Counts count(Connection db, String syncId, boolean onlySync) throws SQLException {
        Map<String, Long> resourcesByType = new HashMap<>();
        long resourceTypes = 0;
        try (PreparedStatement st = db.prepareStatement(
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
        Map<String, Long> entitlementsByType = countByType(db, C1zSchema.ENTITLEMENTS, syncId, onlySync);
        Map<String, Long> grantsByType = countByType(db, C1zSchema.GRANTS, syncId, onlySync);
        return new Counts(resourceTypes, sum(resourcesByType), sum(entitlementsByType), sum(grantsByType),
                resourcesByType, entitlementsByType, grantsByType);
    }

    /**
     * The shape Baton caches in {@code v1_sync_runs.stats}: its {@code reader.v2.SyncStats} as Go
     * JSON (snake_case keys, numbers), so {@code baton stats} can use it without recounting.
     */
    static String statsJson(Counts counts) {
        JsonObject json = new JsonObject();
        json.addProperty("resource_types", counts.resourceTypes());
        json.addProperty("resources", counts.resources());
        json.addProperty("entitlements", counts.entitlements());
        json.addProperty("grants", counts.grants());
        json.add("resources_by_resource_type", toJson(counts.resourcesByType()));
        json.add("grants_by_resource_type", toJson(counts.grantsByType()));
        return json.toString();
    }

    private static JsonObject toJson(Map<String, Long> map) {
        JsonObject out = new JsonObject();
        map.forEach(out::addProperty);
        return out;
    }

    private static Map<String, Long> countByType(Connection db, String table, String syncId, boolean onlySync)
            throws SQLException {
        Map<String, Long> out = new HashMap<>();
        String filter = onlySync ? "" : " where sync_id = ?";
        try (PreparedStatement st = db.prepareStatement("select resource_type_id, count(*) from " + table
                + filter + " group by resource_type_id")) {
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
