package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.pb.connector.v2.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new file keeps the last syncs of the file it replaces, as a Go connector's file does (Baton
 * keeps 2 syncs), only when they describe the same owner; the kept rows are copied unchanged.
 */
class PreviousSyncsTest {

  private static final String ACCOUNT = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

  @TempDir Path dir;

  private int minute;
  private int rawCount;

  /** One sync of {@code users}, a minute after the previous one (the clock decides the order). */
  private String sync(Path file, SyncHistory history, String... users) throws Exception {
    Clock clock =
        Clock.fixed(Fixtures.FIXED_INSTANT.plus(Duration.ofMinutes(minute++)), ZoneOffset.UTC);
    try (C1zWriter w = C1zWriter.create(file, dir, clock, history)) {
      w.putResourceType(Fixtures.userType());
      for (String u : users) {
        w.putResource(Fixtures.user(u, u + "@example.com"));
      }
      w.finish();
      return w.syncId();
    }
  }

  private static List<String> runIds(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    try (C1zReader r = C1zReader.open(file)) {
      r.syncRuns().forEach(run -> out.add(run.syncId()));
    }
    return out;
  }

  private static List<String> userIds(Path file, String syncId) throws Exception {
    List<String> out = new ArrayList<>();
    try (C1zReader r = C1zReader.open(file, syncId)) {
      r.forEachResource("user", res -> out.add(res.getId().getResource()));
    }
    return out;
  }

  /** Every column of every row of one sync, in row order, as text and bytes (ids excepted). */
  private List<String> rawRows(Path file, String syncId) throws Exception {
    Path db = RawC1z.extract(file, dir.resolve("raw-" + (minute * 100 + rawCount++) + ".db"));
    List<String> out = new ArrayList<>();
    try (Connection c = RawC1z.open(db)) {
      for (String table :
          List.of(
              "v1_sync_runs",
              "v1_resource_types",
              "v1_resources",
              "v1_entitlements",
              "v1_grants",
              "v1_connector_sessions")) {
        try (PreparedStatement st =
            c.prepareStatement("select * from " + table + " where sync_id = ? order by id")) {
          st.setString(1, syncId);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              StringBuilder row = new StringBuilder(table);
              for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                byte[] v = rs.getBytes(i);
                row.append('|').append(v == null ? "NULL" : java.util.HexFormat.of().formatHex(v));
              }
              out.add(row.toString());
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void keeps_the_previous_sync_of_the_same_owner_row_for_row() throws Exception {
    Path file = dir.resolve("sync.c1z");
    SyncHistory history = new SyncHistory(ACCOUNT, SyncHistory.DEFAULT_KEEP_PREVIOUS);
    String first = sync(file, history, "alice", "bob");
    List<String> firstRows = rawRows(file, first);
    String second = sync(file, history, "alice", "carol");

    assertEquals(
        List.of(first, second), runIds(file), "the kept sync comes first, as in Baton's files");
    assertEquals(firstRows, rawRows(file, first), "kept rows are copied unchanged, stats included");
    assertEquals(List.of("alice", "carol"), userIds(file, null), "readers default to the new sync");
    assertEquals(List.of("alice", "bob"), userIds(file, first));
    try (C1zReader r = C1zReader.open(file)) {
      assertEquals(
          List.of(second, first), r.finishedSyncs("full").stream().map(SyncRun::syncId).toList());
      assertEquals(
          2, r.counts().resources(), "counts are the selected sync's only (4 in the file)");
    }
    Path db = RawC1z.extract(file, dir.resolve("second.db"));
    try (Connection c = RawC1z.open(db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select stats from v1_sync_runs where sync_id = '" + second + "'")) {
      assertTrue(rs.next());
      assertTrue(
          rs.getString(1).startsWith("{\"resource_types\":1,\"resources\":2,"), rs.getString(1));
    }

    String third = sync(file, history, "dave");
    assertEquals(
        List.of(second, third), runIds(file), "Baton's default: the new sync and the one before");
    String fourth = sync(file, new SyncHistory(ACCOUNT, 3), "erin");
    assertEquals(List.of(second, third, fourth), runIds(file));
    String fifth = sync(file, new SyncHistory(ACCOUNT, 0), "frank");
    assertEquals(List.of(fifth), runIds(file), "0 keeps only the new sync");
  }

  @Test
  void records_its_owner_and_keeps_nothing_of_another_owner_or_of_an_unknown_one()
      throws Exception {
    Path file = dir.resolve("other.c1z");
    String other = sync(file, new SyncHistory("ffffffffffffffffffffffffffffffff", 1), "mallory");
    Path db = RawC1z.extract(file, dir.resolve("other.db"));
    try (Connection c = RawC1z.open(db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select sync_id, key, value from v1_connector_sessions")) {
      assertTrue(rs.next());
      assertEquals(other, rs.getString(1));
      assertEquals("baton-cloudflare:owner", rs.getString(2));
      assertEquals(
          "ffffffffffffffffffffffffffffffff", new String(rs.getBytes(3), StandardCharsets.UTF_8));
    }
    String mine = sync(file, new SyncHistory(ACCOUNT, 1), "alice");
    assertEquals(List.of(mine), runIds(file), "another account's syncs are not kept");

    // A file written without an owner (as a Go connector's) says nothing about its account.
    Path unknown = dir.resolve("unknown.c1z");
    sync(unknown, SyncHistory.none(), "bob");
    String after = sync(unknown, new SyncHistory(ACCOUNT, 1), "alice");
    assertEquals(List.of(after), runIds(unknown));
  }

  @Test
  void a_previous_file_that_is_not_a_c1z_is_replaced_and_a_failed_sync_keeps_it_whole()
      throws Exception {
    Path file = dir.resolve("junk.c1z");
    Files.writeString(file, "not a c1z");
    String only = sync(file, new SyncHistory(ACCOUNT, 1), "alice");
    assertEquals(List.of(only), runIds(file));

    byte[] before = Files.readAllBytes(file);
    try (C1zWriter w =
        C1zWriter.create(file, dir, Clock.systemUTC(), new SyncHistory(ACCOUNT, 1))) {
      assertEquals(List.of(only), w.previousSyncs());
      w.putResource(Fixtures.user("bob", "bob@example.com"));
      // closed without finish(): a failed sync
    }
    assertArrayEquals(before, Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of(),
          files.filter(p -> p.getFileName().toString().startsWith("baton-c1z-")).toList(),
          "no working directory is left behind");
    }
  }

  @Test
  void keeps_only_finished_full_syncs_newest_first() throws Exception {
    Path file = dir.resolve("typed.c1z");
    String full = sync(file, new SyncHistory(ACCOUNT, 1), "alice");
    Path db = RawC1z.extract(file, dir.resolve("typed.db"));
    try (Connection c = RawC1z.open(db)) {
      String partial = "2g5EyA4bel5bB8ocrmvCL9mIe90";
      try (Statement st = c.createStatement()) {
        st.execute(
            "insert into v1_sync_runs (sync_id, started_at, ended_at, sync_token, sync_type) values ('"
                + partial
                + "', '2030-01-01 00:00:00', '2030-01-01 00:01:00', '', 'partial')");
        st.execute(
            "insert into v1_connector_sessions (sync_id, key, value) values ('"
                + partial
                + "', 'baton-cloudflare:owner', X'"
                + java.util.HexFormat.of().formatHex(ACCOUNT.getBytes(StandardCharsets.UTF_8))
                + "')");
      }
    }
    RawC1z.pack(db, file);
    String next = sync(file, new SyncHistory(ACCOUNT, 1), "bob");
    assertEquals(List.of(full, next), runIds(file), "the partial sync is not carried over");
    Resource bob = Fixtures.user("bob", "bob@example.com");
    try (C1zReader r = C1zReader.open(file)) {
      List<Resource> got = new ArrayList<>();
      r.forEachResource(null, got::add);
      assertEquals(List.of(bob), got);
    }
  }
}
