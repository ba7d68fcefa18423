package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the bytes and the SQLite schema against baton-protocol.md §2, independently of C1zReader.
 */
class FileFormatTest {

  @TempDir Path dir;
  @TempDir Path work;
  @TempDir Path scratch;

  private Path file;
  private Path db;
  private String syncId;
  private final Resource alice = Fixtures.user("u-alice", "alice@example.com");
  private final Resource admins = Fixtures.group("g-admins");
  private final Entitlement member = Fixtures.member(admins);

  @BeforeEach
  void write() throws Exception {
    file = dir.resolve("out.c1z");
    try (C1zWriter writer = C1zWriter.create(file, work, Fixtures.fixedClock())) {
      syncId = writer.syncId();
      writer.putResourceType(Fixtures.userType());
      writer.putResourceType(Fixtures.groupType());
      writer.putResource(alice);
      writer.putResource(admins);
      writer.putEntitlement(member);
      writer.putGrant(Fixtures.grant(member, alice));
      writer.finish();
    }
    db = RawC1z.extract(file, scratch.resolve("x.db"));
  }

  @Test
  void envelope_is_magic_then_one_zstd_frame_of_a_sqlite_file() throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(new byte[] {'C', '1', 'Z', 'F', 0}, Arrays.copyOf(bytes, 5));
    byte[] payload = Arrays.copyOfRange(bytes, 5, bytes.length);
    byte[] sqlite = Files.readAllBytes(db);
    assertEquals(
        sqlite.length, Zstd.getFrameContentSize(payload), "frame header records the content size");
    assertArrayEquals(
        sqlite, Zstd.decompress(payload, sqlite.length), "a single frame decodes the whole file");
    assertArrayEquals(
        "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(sqlite, 16));
    assertEquals(4096, ((sqlite[16] & 0xFF) << 8) | (sqlite[17] & 0xFF), "page size");
    assertEquals(1, sqlite[18], "write version 1: rollback journal, not WAL");
    assertEquals(1, sqlite[19], "read version 1: no WAL needed to read");
  }

  @Test
  void leaves_only_the_target_behind() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(".baton-cloudflare.lock", "out.c1z"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "the target and the directory's lock");
    }
    try (Stream<Path> files = Files.list(work)) {
      assertEquals(List.of(), files.toList(), "the working database is deleted");
    }
  }

  @Test
  void tables_have_exactly_the_documented_columns() throws Exception {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put(
        "v1_resource_types",
        List.of(
            "id INTEGER pk",
            "external_id TEXT nn",
            "data BLOB nn",
            "sync_id TEXT nn",
            "discovered_at DATETIME nn"));
    expected.put(
        "v1_resources",
        List.of(
            "id INTEGER pk",
            "resource_type_id TEXT nn",
            "external_id TEXT nn",
            "parent_resource_type_id TEXT",
            "parent_resource_id TEXT",
            "data BLOB nn",
            "sync_id TEXT nn",
            "discovered_at DATETIME nn"));
    expected.put(
        "v1_entitlements",
        List.of(
            "id INTEGER pk",
            "resource_type_id TEXT nn",
            "resource_id TEXT nn",
            "external_id TEXT nn",
            "data BLOB nn",
            "sync_id TEXT nn",
            "discovered_at DATETIME nn"));
    expected.put(
        "v1_sync_runs",
        List.of(
            "id INTEGER pk",
            "sync_id TEXT nn",
            "started_at DATETIME nn",
            "ended_at DATETIME",
            "sync_token TEXT nn",
            "sync_type TEXT nn default 'full'",
            "parent_sync_id TEXT nn default ''",
            "linked_sync_id TEXT nn default ''",
            "supports_diff INTEGER nn default 0",
            "grants_backfilled INTEGER nn default 0",
            "stats TEXT",
            "ingest_invariant_generation TEXT nn default ''",
            "ingest_invariant_coverage TEXT nn default ''",
            "ingest_invariant_mode TEXT nn default ''"));
    expected.put(
        "v1_grants",
        List.of(
            "id INTEGER pk",
            "resource_type_id TEXT nn",
            "resource_id TEXT nn",
            "entitlement_id TEXT nn",
            "principal_resource_type_id TEXT nn",
            "principal_resource_id TEXT nn",
            "external_id TEXT nn",
            "expansion BLOB",
            "needs_expansion INTEGER nn default 0",
            "data BLOB nn",
            "sync_id TEXT nn",
            "discovered_at DATETIME nn"));
    expected.put(
        "v1_assets",
        List.of(
            "id INTEGER pk",
            "external_id TEXT nn",
            "content_type TEXT nn",
            "data BLOB nn",
            "sync_id TEXT nn",
            "discovered_at DATETIME nn"));
    expected.put(
        "v1_connector_sessions",
        List.of("id INTEGER pk", "sync_id TEXT nn", "key TEXT nn", "value BLOB nn"));

    try (Connection c = RawC1z.open(db);
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery("select name from sqlite_master where type = 'table' order by rowid")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertEquals(List.copyOf(expected.keySet()), tables, "tables, in Baton's creation order");
      for (Map.Entry<String, List<String>> table : expected.entrySet()) {
        List<String> actual = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("pragma table_info(" + table.getKey() + ")")) {
          while (rs.next()) {
            String col =
                rs.getString("name")
                    + " "
                    + rs.getString("type").toUpperCase()
                    + (rs.getInt("pk") == 1 ? " pk" : "")
                    + (rs.getInt("notnull") == 1 ? " nn" : "")
                    + (rs.getString("dflt_value") == null
                        ? ""
                        : " default " + rs.getString("dflt_value"));
            actual.add(col);
          }
        }
        assertEquals(table.getValue(), actual, table.getKey());
      }
    }
  }

  @Test
  void indexes_are_named_and_shaped_as_baton_names_them() throws Exception {
    Map<String, String> expected =
        new TreeMap<>(
            Map.ofEntries(
                Map.entry(
                    "idx_resource_types_external_sync_v1",
                    "v1_resource_types unique (external_id, sync_id)"),
                Map.entry("idx_resources_resource_type_id_v1", "v1_resources (resource_type_id)"),
                Map.entry(
                    "idx_resources_parent_resource_id_v1",
                    "v1_resources (parent_resource_type_id, parent_resource_id)"),
                Map.entry(
                    "idx_resources_external_sync_v1", "v1_resources unique (external_id, sync_id)"),
                Map.entry(
                    "idx_entitlements_resource_id_v1",
                    "v1_entitlements (resource_type_id, resource_id)"),
                Map.entry(
                    "idx_entitlements_external_sync_v1",
                    "v1_entitlements unique (external_id, sync_id)"),
                Map.entry("idx_sync_runs_sync_id_v1", "v1_sync_runs unique (sync_id)"),
                Map.entry(
                    "idx_grants_resource_type_id_resource_id_v1",
                    "v1_grants (resource_type_id, resource_id)"),
                Map.entry(
                    "idx_grants_principal_id_v1",
                    "v1_grants (principal_resource_type_id, principal_resource_id)"),
                Map.entry(
                    "idx_grants_entitlement_id_principal_id_v1",
                    "v1_grants (entitlement_id, principal_resource_type_id, principal_resource_id)"),
                Map.entry("idx_grants_external_sync_v1", "v1_grants unique (external_id, sync_id)"),
                Map.entry(
                    "idx_grants_entitlement_sync_grant_v1",
                    "v1_grants (entitlement_id, sync_id, id)"),
                Map.entry("idx_grants_sync_expansion_v1", "v1_grants partial (sync_id)"),
                Map.entry("idx_grants_sync_needs_expansion_v1", "v1_grants partial (sync_id)"),
                Map.entry("idx_assets_external_sync_v1", "v1_assets unique (external_id, sync_id)"),
                Map.entry(
                    "idx_session_store_sync_key_v1",
                    "v1_connector_sessions unique (sync_id, key)")));
    Map<String, String> actual = new TreeMap<>();
    try (Connection c = RawC1z.open(db);
        Statement st = c.createStatement()) {
      for (String table :
          List.of(
              "v1_resource_types",
              "v1_resources",
              "v1_entitlements",
              "v1_sync_runs",
              "v1_grants",
              "v1_assets",
              "v1_connector_sessions")) {
        List<String[]> indexes = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("pragma index_list(" + table + ")")) {
          while (rs.next()) {
            String kind =
                rs.getInt("unique") == 1 ? " unique" : rs.getInt("partial") == 1 ? " partial" : "";
            indexes.add(new String[] {rs.getString("name"), table + kind});
          }
        }
        for (String[] index : indexes) {
          List<String> cols = new ArrayList<>();
          try (ResultSet rs = st.executeQuery("pragma index_info(" + index[0] + ")")) {
            while (rs.next()) {
              cols.add(rs.getString("name"));
            }
          }
          actual.put(index[0], index[1] + " (" + String.join(", ", cols) + ")");
        }
      }
      assertEquals(expected, actual);
      try (ResultSet rs =
          st.executeQuery(
              "select sql from sqlite_master where name like 'idx_grants_sync_%' order by name")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).endsWith("where expansion is not null"), rs.getString(1));
        assertTrue(rs.next());
        assertTrue(rs.getString(1).endsWith("where needs_expansion = 1"), rs.getString(1));
      }
    }
  }

  @Test
  void sync_run_row_is_finished_full_and_backfilled() throws Exception {
    try (Connection c = RawC1z.open(db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from v1_sync_runs")) {
      assertTrue(rs.next());
      assertEquals(syncId, rs.getString("sync_id"));
      assertEquals(27, syncId.length());
      assertTrue(Ksuid.isValid(syncId));
      assertEquals(Fixtures.FIXED_INSTANT.getEpochSecond(), Ksuid.timeOf(syncId).getEpochSecond());
      assertEquals(Fixtures.FIXED_GO_TIME, rs.getString("started_at"));
      assertEquals(Fixtures.FIXED_GO_TIME, rs.getString("ended_at"));
      assertEquals("", rs.getString("sync_token"));
      assertEquals("full", rs.getString("sync_type"));
      assertEquals("", rs.getString("parent_sync_id"));
      assertEquals("", rs.getString("linked_sync_id"));
      assertEquals(
          1, rs.getInt("supports_diff"), "diffable, as Baton marks every full sync it expanded");
      assertEquals(1, rs.getInt("grants_backfilled"));
      assertEquals("", rs.getString("ingest_invariant_generation"));
      JsonObject stats = JsonParser.parseString(rs.getString("stats")).getAsJsonObject();
      // The expansion's duration varies; everything else is exact.
      assertTrue(
          stats.getAsJsonObject("step_durations_ms").remove("grant-expansion").getAsLong() >= 0);
      assertEquals(
          JsonParser.parseString(
              "{\"resource_types\":2,\"resources\":2,\"entitlements\":1,\"grants\":1,"
                  + "\"resources_by_resource_type\":{\"group\":1,\"user\":1},"
                  + "\"grants_by_resource_type\":{\"group\":1},\"entitlements_by_resource_type\":{\"group\":1},"
                  + "\"step_durations_ms\":{}}"),
          stats);
      assertFalse(rs.next(), "exactly one sync run");
      try (ResultSet check = c.createStatement().executeQuery("pragma integrity_check")) {
        assertTrue(check.next());
        assertEquals("ok", check.getString(1));
      }
    }
  }

  @Test
  void rows_follow_the_external_id_and_column_conventions() throws Exception {
    try (Connection c = RawC1z.open(db);
        Statement st = c.createStatement()) {
      assertEquals(
          List.of(
              "group|" + syncId + "|" + Fixtures.FIXED_GO_TIME,
              "user|" + syncId + "|" + Fixtures.FIXED_GO_TIME),
          rows(
              st,
              "select external_id, sync_id, discovered_at from v1_resource_types order by external_id"));
      assertEquals(
          List.of("group|group:g-admins|account|acct-1", "user|user:u-alice|null|null"),
          rows(
              st,
              "select resource_type_id, external_id, parent_resource_type_id, parent_resource_id"
                  + " from v1_resources order by external_id"));
      assertEquals(
          List.of("group|g-admins|group:g-admins:member"),
          rows(st, "select resource_type_id, resource_id, external_id from v1_entitlements"));
      assertEquals(
          List.of(
              "group|g-admins|group:g-admins:member|user|u-alice|group:g-admins:member:user:u-alice"),
          rows(
              st,
              "select resource_type_id, resource_id, entitlement_id, principal_resource_type_id,"
                  + " principal_resource_id, external_id from v1_grants"));
      try (ResultSet rs =
          st.executeQuery("select data from v1_resources where external_id = 'user:u-alice'")) {
        assertTrue(rs.next());
        assertArrayEquals(ProtoRows.deterministicBytes(alice), rs.getBytes(1));
      }
      try (ResultSet rs =
          st.executeQuery("select count(*) from v1_resources where parent_resource_id is null")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1), "NULL, not '', when there is no parent");
      }
    }
  }

  private static List<String> rows(Statement st, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getString(i)));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }
}
