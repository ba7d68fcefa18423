package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync run row of a targeted (partial) and a resources-only sync, as Baton records them. */
class PartialSyncRunTest {
  private static final String OWNER = "9d2c7e4b1a6f48e3b5c0d8a7f6e5d4c3";

  @TempDir Path dir;

  private String write(Path file, String type) throws Exception {
    try (C1zWriter w =
        C1zWriter.create(
            file, null, Clock.systemDefaultZone(), new SyncHistory(OWNER, 1), false, type)) {
      w.finish();
      return w.syncId();
    }
  }

  @Test
  void aPartialSyncNamesTheKeptFullSyncAsParentAndIsNotDiffable() throws Exception {
    Path file = dir.resolve("s.c1z");
    String full = write(file, "full");
    Thread.sleep(5); // distinct ended_at
    String partial = write(file, "partial");
    Thread.sleep(5);
    String resourcesOnly = write(file, "resources_only");
    try (Connection c = RawC1z.open(RawC1z.extract(file, dir.resolve("s.db")));
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select sync_id, sync_type, parent_sync_id, supports_diff"
                    + " from v1_sync_runs order by started_at, sync_id")) {
      // the resources_only sync replaced the file: it keeps the last full sync, not the partial
      assertTrue(rs.next());
      assertEquals(full, rs.getString(1));
      assertEquals("full", rs.getString(2));
      assertTrue(rs.next());
      assertEquals(resourcesOnly, rs.getString(1));
      assertEquals("resources_only", rs.getString(2));
      assertEquals("", rs.getString(3));
      assertEquals(1, rs.getInt(4));
      assertTrue(!rs.next());
    }
    Path second = dir.resolve("p.c1z");
    String parent = write(second, "full");
    Thread.sleep(5);
    String child = write(second, "partial");
    try (Connection c = RawC1z.open(RawC1z.extract(second, dir.resolve("p.db")));
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select sync_type, parent_sync_id, supports_diff"
                    + " from v1_sync_runs where sync_id = '"
                    + child
                    + "'")) {
      assertTrue(rs.next());
      assertEquals("partial", rs.getString(1));
      assertEquals(parent, rs.getString(2));
      assertEquals(0, rs.getInt(3));
    }
    assertTrue(!partial.isEmpty());
  }

  @Test
  void anUnknownSyncTypeIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            C1zWriter.create(
                dir.resolve("x.c1z"),
                null,
                Clock.systemDefaultZone(),
                SyncHistory.none(),
                false,
                "partial_upserts"));
  }
}
