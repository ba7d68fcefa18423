package dev.batoncf.c1z;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.batoncf.c1z.C1zFormatException.Reason;
import dev.batoncf.files.FileKind;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * Reads one sync out of a c1z v1 file, written by {@link C1zWriter} or by Baton's Go SDK.
 *
 * <p>The payload is decompressed into a private temp file (deleted on {@link #close()}) and opened
 * read-only. Iteration streams rows from SQLite one at a time, ordered by external id, so memory
 * does not grow with the file. Not thread-safe.
 */
public final class C1zReader implements AutoCloseable {

  private static final String DB_FILE = "sync.db";
  private static final List<String> REQUIRED_TABLES =
      List.of(
          C1zSchema.SYNC_RUNS,
          C1zSchema.RESOURCE_TYPES,
          C1zSchema.RESOURCES,
          C1zSchema.ENTITLEMENTS,
          C1zSchema.GRANTS);

  @FunctionalInterface
  private interface RowDecoder<T> {
    T decode(ResultSet rs) throws SQLException, InvalidProtocolBufferException;
  }

  private final Path file;
  private final Path workDir;
  private final Connection db;
  private final ZoneId zone;
  private final boolean hasExpansionColumn;
  private final boolean hasSyncTypeColumn;

  /** False for a {@link #view}: the database belongs to the reader that opened it. */
  private final boolean ownsDatabase;

  private SyncRun sync;

  private C1zReader(Path file, Path workDir, Connection db, ZoneId zone)
      throws SQLException, IOException {
    this.file = file;
    this.workDir = workDir;
    this.db = db;
    this.zone = zone;
    Set<String> tables = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select name from sqlite_master where type = 'table'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    for (String table : REQUIRED_TABLES) {
      if (!tables.contains(table)) {
        throw new C1zFormatException(Reason.CORRUPT, file, "database has no " + table + " table");
      }
    }
    // Files from older Baton versions lack these columns; read them as "none" / "full".
    this.hasExpansionColumn = columns(C1zSchema.GRANTS).contains("expansion");
    this.hasSyncTypeColumn = columns(C1zSchema.SYNC_RUNS).contains("sync_type");
    this.ownsDatabase = true;
  }

  private C1zReader(C1zReader of) {
    this.file = of.file;
    this.workDir = of.workDir;
    this.db = of.db;
    this.zone = of.zone;
    this.hasExpansionColumn = of.hasExpansionColumn;
    this.hasSyncTypeColumn = of.hasSyncTypeColumn;
    this.ownsDatabase = false;
  }

  /** Opens {@code file} on its latest finished sync, as {@code baton} does by default. */
  public static C1zReader open(Path file) throws IOException {
    return open(file, null, null);
  }

  /** Opens {@code file} on the sync {@code syncId}, or on the latest finished one when null. */
  public static C1zReader open(Path file, String syncId) throws IOException {
    return open(file, syncId, null);
  }

  /**
   * @param tempDir where the decompressed database goes; null for the JVM's temp directory
   * @throws C1zFormatException if the file is missing, not a v1 c1z, damaged, has no finished sync
   *     (when {@code syncId} is null) or lacks {@code syncId}
   */
  public static C1zReader open(Path file, String syncId, Path tempDir) throws IOException {
    return open(file, syncId, tempDir, ReadLimits.DEFAULT);
  }

  /** As {@link #open(Path, String, Path)}, decoding within {@code limits}. */
  public static C1zReader open(Path file, String syncId, Path tempDir, ReadLimits limits)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    if (!Files.exists(file)) {
      throw new C1zFormatException(Reason.MISSING, file, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      // a FIFO would block the reader forever, a device could be read without end
      throw new C1zFormatException(
          Reason.NOT_A_FILE, file, "not a regular file (" + FileKind.of(file) + ")");
    }
    Path workDir = TempDirs.create(tempDir, "baton-c1z-read-");
    Connection db = null;
    try {
      Path dbFile = workDir.resolve(DB_FILE);
      C1zCodec.decompress(file, dbFile, limits);
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      db = config.createConnection("jdbc:sqlite:" + dbFile);
      C1zReader reader = new C1zReader(file, workDir, db, ZoneId.systemDefault());
      reader.selectSync(syncId);
      return reader;
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(db);
      TempDirs.deleteTree(workDir);
      if (e instanceof IOException io) {
        throw io;
      }
      throw new C1zFormatException(
          Reason.CORRUPT, file, "unreadable database (" + e.getMessage() + ")", e);
    }
  }

  /** Switches to {@code syncId}, or to the latest finished sync when null. */
  public void selectSync(String syncId) throws IOException {
    if (syncId == null) {
      this.sync = latestFinishedSync();
      return;
    }
    this.sync =
        syncRuns().stream()
            .filter(r -> r.syncId().equals(syncId))
            .findFirst()
            .orElseThrow(
                () -> new C1zFormatException(Reason.UNKNOWN_SYNC, file, "no sync run " + syncId));
  }

  /** The sync this reader iterates. */
  public SyncRun sync() {
    return sync;
  }

  /** Every sync run in the file, oldest row first. */
  public List<SyncRun> syncRuns() throws IOException {
    List<SyncRun> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(syncRunSelect() + " order by id")) {
      while (rs.next()) {
        out.add(syncRun(rs));
      }
    } catch (SQLException e) {
      throw readFailure(C1zSchema.SYNC_RUNS, e);
    }
    return out;
  }

  /**
   * Another reader of the same decompressed file on {@code syncId}, for reading two syncs of one
   * file side by side (a one-file diff). It shares this reader's database: closing it releases
   * nothing, and it must not be used after this reader is closed.
   */
  public C1zReader view(String syncId) throws IOException {
    C1zReader v = new C1zReader(this);
    v.selectSync(syncId);
    return v;
  }

  /**
   * Finished runs of {@code syncType} (any type when null), newest end first, as {@code baton diff}
   * picks its two syncs (ties: the higher sync id first).
   */
  public List<SyncRun> finishedSyncs(String syncType) throws IOException {
    return syncRuns().stream()
        .filter(r -> r.finished() && (syncType == null || syncType.equals(r.syncType())))
        .sorted(
            java.util.Comparator.comparing(SyncRun::endedAt)
                .thenComparing(SyncRun::syncId)
                .reversed())
        .toList();
  }

  /** The finished run with the latest ended_at (ties: highest sync id), as Baton picks it. */
  public SyncRun latestFinishedSync() throws IOException {
    String sql =
        syncRunSelect()
            + " where ended_at is not null order by ended_at desc, sync_id desc limit 1";
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      if (rs.next()) {
        return syncRun(rs);
      }
    } catch (SQLException e) {
      throw readFailure(C1zSchema.SYNC_RUNS, e);
    }
    throw new C1zFormatException(
        Reason.NO_FINISHED_SYNC,
        file,
        "no finished sync (the sync that wrote it did not complete)");
  }

  public void forEachResourceType(Consumer<? super ResourceType> consumer) throws IOException {
    query(
        C1zSchema.RESOURCE_TYPES,
        new Where(),
        rs -> ResourceType.parseFrom(rs.getBytes(1)),
        consumer);
  }

  /** Resources of one type, or of every type when {@code resourceTypeId} is null. */
  public void forEachResource(String resourceTypeId, Consumer<? super Resource> consumer)
      throws IOException {
    Where where = new Where().eq("resource_type_id", resourceTypeId);
    query(C1zSchema.RESOURCES, where, rs -> Resource.parseFrom(rs.getBytes(1)), consumer);
  }

  /** Entitlements, optionally only those of one resource type or one resource. */
  public void forEachEntitlement(
      String resourceTypeId, String resourceId, Consumer<? super Entitlement> consumer)
      throws IOException {
    if (resourceId != null && resourceTypeId == null) {
      throw new IllegalArgumentException("a resource id filter needs its resource type");
    }
    Where where = new Where().eq("resource_type_id", resourceTypeId).eq("resource_id", resourceId);
    query(C1zSchema.ENTITLEMENTS, where, rs -> Entitlement.parseFrom(rs.getBytes(1)), consumer);
  }

  /**
   * Grants matching {@code filter}, hydrated: slim rows get entitlement and principal stubs from
   * their columns, and a stored expansion comes back as a GrantExpandable annotation.
   */
  public void forEachGrant(GrantFilter filter, Consumer<? super Grant> consumer)
      throws IOException {
    Where where =
        new Where()
            .eq("resource_type_id", filter.resourceTypeId())
            .eq("resource_id", filter.resourceId())
            .eq("entitlement_id", filter.entitlementId())
            .eq("principal_resource_type_id", filter.principalTypeId())
            .eq("principal_resource_id", filter.principalId());
    String columns =
        "entitlement_id, resource_type_id, resource_id, principal_resource_type_id,"
            + " principal_resource_id, "
            + (hasExpansionColumn ? "expansion" : "null");
    query(
        C1zSchema.GRANTS,
        columns,
        where,
        rs ->
            ProtoRows.hydrate(
                Grant.parseFrom(rs.getBytes(1)),
                new ProtoRows.GrantColumns(
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)),
                rs.getBytes(8)),
        consumer);
  }

  /** The resource type {@code id} in the selected sync. */
  public Optional<ResourceType> resourceType(String id) throws IOException {
    return one(C1zSchema.RESOURCE_TYPES, id, rs -> ResourceType.parseFrom(rs.getBytes(1)));
  }

  /** The resource {@code type}/{@code id} in the selected sync. */
  public Optional<Resource> resource(String type, String id) throws IOException {
    return one(C1zSchema.RESOURCES, type + ":" + id, rs -> Resource.parseFrom(rs.getBytes(1)));
  }

  /** The entitlement {@code id} in the selected sync. */
  public Optional<Entitlement> entitlement(String id) throws IOException {
    return one(C1zSchema.ENTITLEMENTS, id, rs -> Entitlement.parseFrom(rs.getBytes(1)));
  }

  private <T> Optional<T> one(String table, String externalId, RowDecoder<T> decoder)
      throws IOException {
    List<T> found = new ArrayList<>();
    query(table, new Where().eq("external_id", externalId), decoder, found::add);
    return found.stream().findFirst();
  }

  /** The Cloudflare account the selected sync describes, when the file records it. */
  public Optional<String> owner() {
    return sessionValue(C1zSchema.OWNER_SESSION_KEY);
  }

  /** A connector session value of the selected sync; empty when absent (or no such table). */
  public Optional<String> sessionValue(String key) {
    String sql =
        "select value from " + C1zSchema.CONNECTOR_SESSIONS + " where sync_id = ? and key = ?";
    try (java.sql.PreparedStatement st = db.prepareStatement(sql)) {
      st.setString(1, sync.syncId());
      st.setString(2, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? Optional.of(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8))
            : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty(); // a file without the table records no session values
    }
  }

  /** Row counts of the selected sync. */
  public Counts counts() throws IOException {
    try {
      return SyncCounter.count(db, sync.syncId(), false);
    } catch (SQLException e) {
      throw readFailure("counts", e);
    }
  }

  @Override
  public void close() {
    if (ownsDatabase) {
      closeQuietly(db);
      TempDirs.deleteTree(workDir);
    }
  }

  private <T> void query(
      String table, Where where, RowDecoder<T> decoder, Consumer<? super T> consumer)
      throws IOException {
    query(table, null, where, decoder, consumer);
  }

  /**
   * Streams {@code data, external_id[, extra columns]} of the selected sync, ordered by external
   * id.
   */
  private <T> void query(
      String table,
      String extraColumns,
      Where where,
      RowDecoder<T> decoder,
      Consumer<? super T> consumer)
      throws IOException {
    where.eq("sync_id", sync.syncId());
    String sql =
        "select data, external_id"
            + (extraColumns == null ? "" : ", " + extraColumns)
            + " from "
            + table
            + where.sql()
            + " order by external_id";
    try (PreparedStatement st = db.prepareStatement(sql)) {
      where.bind(st);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          T item;
          try {
            item = decoder.decode(rs);
          } catch (InvalidProtocolBufferException e) {
            throw new C1zFormatException(
                Reason.CORRUPT,
                file,
                "row " + rs.getString(2) + " in " + table + " does not decode",
                e);
          }
          consumer.accept(item);
        }
      }
    } catch (SQLException e) {
      throw readFailure(table, e);
    }
  }

  private String syncRunSelect() {
    return "select sync_id, started_at, ended_at, "
        + (hasSyncTypeColumn ? "sync_type" : "'full'")
        + " from "
        + C1zSchema.SYNC_RUNS;
  }

  private SyncRun syncRun(ResultSet rs) throws SQLException, C1zFormatException {
    String id = rs.getString(1);
    return new SyncRun(
        id,
        time(id, "started_at", rs.getString(2)),
        time(id, "ended_at", rs.getString(3)),
        rs.getString(4));
  }

  private LocalDateTime time(String syncId, String column, String text) throws C1zFormatException {
    if (text == null) {
      return null;
    }
    Optional<LocalDateTime> parsed = GoTime.parse(text, zone);
    if (parsed.isEmpty()) {
      throw new C1zFormatException(
          Reason.CORRUPT,
          file,
          "sync run " + syncId + " has an unreadable " + column + " '" + text + "'");
    }
    return parsed.get();
  }

  private Set<String> columns(String table) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("pragma table_info(" + table + ")")) {
      while (rs.next()) {
        out.add(rs.getString("name"));
      }
    }
    return out;
  }

  private IOException readFailure(String what, SQLException e) {
    return new IOException(file + ": could not read " + what + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(Connection db) {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // Read-only connection: nothing to lose.
      }
    }
  }

  /** Equality conditions on fixed column names, with values bound as parameters. */
  private static final class Where {
    private final List<String> columns = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    Where eq(String column, String value) {
      if (value != null) {
        columns.add(column);
        values.add(value);
      }
      return this;
    }

    String sql() {
      return columns.isEmpty() ? "" : " where " + String.join(" = ? and ", columns) + " = ?";
    }

    void bind(PreparedStatement st) throws SQLException {
      for (int i = 0; i < values.size(); i++) {
        st.setString(i + 1, values.get(i));
      }
    }
  }
}
