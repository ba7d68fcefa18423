package dev.batoncf.c1z;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the syncs a {@link SyncHistory} keeps from the file being replaced into a new working
 * database, row for row in SQL (nothing passes through the Java heap). It runs before the new
 * sync's own rows, so kept syncs get the lower row ids, as in a file Baton kept appending to:
 * Baton's cleanup takes the lowest ids as the oldest syncs.
 */
final class PreviousSyncs {

  private static final Logger LOG = LoggerFactory.getLogger(PreviousSyncs.class);
  private static final String ALIAS = "previous";
  private static final String DB_FILE = "previous.db";

  private PreviousSyncs() {}

  /**
   * @return the ids of the syncs copied, oldest first; empty when the target is absent, not a
   *     readable c1z v1, of another owner, or nothing is to be kept
   */
  static List<String> copy(Connection db, Path target, Path workDir, SyncHistory history)
      throws SQLException {
    if (!history.keepsAny() || !Files.isRegularFile(target)) {
      return List.of();
    }
    Path copy = workDir.resolve(DB_FILE);
    try {
      C1zCodec.decompress(target, copy, ReadLimits.DEFAULT);
    } catch (IOException e) {
      if (e instanceof C1zFormatException f && f.reason() == C1zFormatException.Reason.NOT_C1Z) {
        // not a sync file at all: replaced as it always was, nothing to keep
        LOG.debug("c1z: {} is not a c1z; no earlier syncs to keep", target);
      } else {
        LOG.warn("c1z: the earlier syncs are not kept: {}", e.getMessage()); // names the file
      }
      TempDirs.deleteQuietly(copy);
      return List.of();
    }
    db.setAutoCommit(true); // SQLite attaches and detaches only outside a transaction
    try {
      try (PreparedStatement st = db.prepareStatement("attach database ? as " + ALIAS)) {
        st.setString(1, copy.toString());
        st.execute();
      }
      try {
        return copyAttached(db, target, history);
      } finally {
        try (Statement st = db.createStatement()) {
          st.execute("detach database " + ALIAS);
        }
      }
    } catch (SQLException e) {
      // A damaged earlier file must not stop the new sync; it is replaced all the same.
      LOG.warn("c1z: earlier syncs of {} are not kept: {}", target, e.getMessage());
      return List.of();
    } finally {
      db.setAutoCommit(false);
      TempDirs.deleteQuietly(copy);
    }
  }

  private static List<String> copyAttached(Connection db, Path target, SyncHistory history)
      throws SQLException {
    Set<String> tables = tables(db);
    for (String required :
        List.of(
            C1zSchema.SYNC_RUNS,
            C1zSchema.RESOURCE_TYPES,
            C1zSchema.RESOURCES,
            C1zSchema.ENTITLEMENTS,
            C1zSchema.GRANTS)) {
      if (!tables.contains(required)) {
        LOG.warn("c1z: earlier syncs of {} are not kept: it has no {} table", target, required);
        return List.of();
      }
    }
    List<String> finished = finishedFullSyncs(db);
    if (finished.isEmpty()) {
      return List.of();
    }
    if (!tables.contains(C1zSchema.CONNECTOR_SESSIONS)
        || !history.owner().equals(owner(db, finished.get(0)))) {
      LOG.info(
          "c1z: earlier syncs of {} are not kept: its latest sync is not recorded as {}",
          target,
          history.owner());
      return List.of();
    }
    List<String> kept = new ArrayList<>();
    for (String id : finished) {
      if (kept.size() < history.keepPrevious() && history.owner().equals(owner(db, id))) {
        kept.add(id);
      }
    }
    Collections.reverse(kept);
    db.setAutoCommit(false);
    try {
      copyRows(db, C1zSchema.SYNC_RUNS, kept);
      for (String table : C1zSchema.SYNC_TABLES) {
        if (tables.contains(table)) {
          copyRows(db, table, kept);
        }
      }
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
    LOG.debug("c1z: kept {} earlier sync(s) of {}: {}", kept.size(), target, kept);
    return kept;
  }

  private static Set<String> tables(Connection db) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery("select name from " + ALIAS + ".sqlite_master where type = 'table'")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * Newest first, as Baton orders them (ended_at, then sync id). Old files have no sync_type: all
   * full.
   */
  private static List<String> finishedFullSyncs(Connection db) throws SQLException {
    boolean typed = columns(db, ALIAS, C1zSchema.SYNC_RUNS).contains("sync_type");
    String sql =
        "select sync_id from "
            + ALIAS
            + "."
            + C1zSchema.SYNC_RUNS
            + " where ended_at is not null"
            + (typed ? " and sync_type = '" + C1zSchema.SYNC_TYPE_FULL + "'" : "")
            + " order by ended_at desc, sync_id desc";
    List<String> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String owner(Connection db, String syncId) throws SQLException {
    try (PreparedStatement st =
        db.prepareStatement(
            "select value from "
                + ALIAS
                + "."
                + C1zSchema.CONNECTOR_SESSIONS
                + " where sync_id = ? and key = ?")) {
      st.setString(1, syncId);
      st.setString(2, C1zSchema.OWNER_SESSION_KEY);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? new String(rs.getBytes(1), StandardCharsets.UTF_8) : null;
      }
    }
  }

  /**
   * Every column both tables have (an older file may lack newer ones: they take their defaults).
   */
  private static void copyRows(Connection db, String table, List<String> syncIds)
      throws SQLException {
    List<String> shared = new ArrayList<>(columns(db, "main", table));
    shared.retainAll(columns(db, ALIAS, table));
    shared.remove("id");
    String cols = String.join(", ", shared);
    String marks = String.join(", ", Collections.nCopies(syncIds.size(), "?"));
    try (PreparedStatement st =
        db.prepareStatement(
            "insert into main."
                + table
                + " ("
                + cols
                + ") select "
                + cols
                + " from "
                + ALIAS
                + "."
                + table
                + " where sync_id in ("
                + marks
                + ") order by id")) {
      for (int i = 0; i < syncIds.size(); i++) {
        st.setString(i + 1, syncIds.get(i));
      }
      st.executeUpdate();
    }
  }

  private static List<String> columns(Connection db, String schema, String table)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("pragma " + schema + ".table_info(" + table + ")")) {
      while (rs.next()) {
        out.add(rs.getString("name"));
      }
    }
    return out;
  }
}
