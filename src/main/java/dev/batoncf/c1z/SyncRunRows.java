package dev.batoncf.c1z;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/** The rows that open and close a sync in a working database (baton-protocol.md §2.4). */
final class SyncRunRows {

  private SyncRunRows() {}

  /**
   * Creates the schema, copies the earlier syncs {@code history} keeps from {@code target}, then
   * inserts the new, unfinished sync run (and its owner, when known), so kept syncs come first. A
   * {@code partial} sync names the newest kept full sync as its parent, as Baton's does.
   *
   * @return the ids of the kept syncs, oldest first
   */
  static List<String> start(
      Connection db,
      String syncId,
      Clock clock,
      Path target,
      Path workDir,
      SyncHistory history,
      String syncType)
      throws SQLException {
    try (Statement st = db.createStatement()) {
      for (String ddl : C1zSchema.TABLES) {
        st.execute(ddl);
      }
    }
    db.commit();
    List<String> kept = PreviousSyncs.copy(db, target, workDir, history);
    try (PreparedStatement st = db.prepareStatement(WriterSql.INSERT_SYNC_RUN)) {
      st.setString(1, syncId);
      st.setString(2, GoTime.format(clock.instant(), clock.getZone()));
      st.setString(3, syncType);
      st.setString(
          4,
          C1zSchema.SYNC_TYPE_PARTIAL.equals(syncType) && !kept.isEmpty()
              ? kept.get(kept.size() - 1)
              : "");
      st.executeUpdate();
    }
    if (history.owner() != null) {
      try (PreparedStatement st = db.prepareStatement(WriterSql.INSERT_SESSION)) {
        st.setString(1, syncId);
        st.setString(2, C1zSchema.OWNER_SESSION_KEY);
        st.setBytes(3, history.owner().getBytes(StandardCharsets.UTF_8));
        st.executeUpdate();
      }
    }
    db.commit();
    return kept;
  }

  /** Builds read-side indexes once, after the bulk load ({@link C1zSchema}). */
  static void buildIndexes(Connection db, List<String> ddls) throws SQLException {
    try (Statement st = db.createStatement()) {
      for (String ddl : ddls) {
        st.execute(ddl);
      }
    }
  }

  /**
   * Ends the sync run as Baton's EndSync does: {@code ended_at}, the cached {@code stats}, and
   * {@code supports_diff = 1}. The caller commits.
   *
   * @param onlySync true when the database holds no other sync (counting can skip the filter)
   */
  static Counts end(
      Connection db,
      String syncId,
      Clock clock,
      boolean onlySync,
      SyncTimings timings,
      boolean supportsDiff)
      throws SQLException {
    Counts counts = SyncCounter.count(db, syncId, onlySync);
    try (PreparedStatement st = db.prepareStatement(WriterSql.END_SYNC_RUN)) {
      st.setString(1, GoTime.format(clock.instant(), clock.getZone()));
      st.setString(2, SyncCounter.statsJson(counts, timings));
      st.setInt(3, supportsDiff ? 1 : 0);
      st.setString(4, syncId);
      st.executeUpdate();
    }
    return counts;
  }
}
