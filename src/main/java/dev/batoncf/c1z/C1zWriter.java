package dev.batoncf.c1z;

import dev.batoncf.files.ExitHook;
import dev.batoncf.files.OutputLock;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Streams one full sync into a new c1z v1 file (baton-protocol.md §2).
 *
 * <p>Rows go into a SQLite database in a private temp directory; {@link #finish()} expands the
 * grants as Baton's syncer does ({@link GrantExpander}), records the cached stats, compresses the
 * database into a hidden sibling of the target and renames that over the target. Until then the
 * target is never touched: {@link #close()} without a successful {@code finish()} discards
 * everything. With a {@link SyncHistory}, the new file also carries the target's last syncs.
 *
 * <p>Puts are upserts keyed by the row's external id, so putting the same object twice keeps one
 * row (the last data). An object without its identity fields is refused with an {@link
 * IllegalArgumentException} and the writer stays usable; an {@link IOException} means the storage
 * failed and the writer can only be closed. Methods are synchronized; one writer can be fed from
 * several threads.
 */
public final class C1zWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(C1zWriter.class);

  /**
   * Rows per transaction. Large, because with the journal off a commit costs little but a sync
   * point.
   */
  private static final int COMMIT_ROWS = 50_000;

  private static final String DB_FILE = "sync.db";

  private enum State {
    OPEN,
    FINISHED,
    FAILED,
    CLOSED
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private final TargetFile target;
  private final OutputLock lock;
  private final Path workDir;
  private final Connection db;
  private final Clock clock;
  private final String syncId;

  /** A targeted sync: Baton neither expands nor diffs it. */
  private final boolean partial;

  private final List<String> previousSyncs;
  private final BatchedStatement resourceTypes;
  private final BatchedStatement resources;
  private final BatchedStatement entitlements;
  private final BatchedStatement grants;
  private volatile State state = State.OPEN;

  /** The compressed file being written by {@link #finish()}, for the exit hook to remove. */
  private volatile Path pendingTmp;

  private volatile boolean renaming;
  private ExitHook exitHook;
  private long uncommitted;
  private Counts finalCounts;
  private SyncTimings timings = SyncTimings.none();
  private GrantExpander.Result expansion;

  private C1zWriter(
      TargetFile target,
      OutputLock lock,
      Path workDir,
      Connection db,
      Clock clock,
      String syncId,
      List<String> previousSyncs,
      boolean partial)
      throws SQLException {
    this.partial = partial;
    this.target = target;
    this.lock = lock;
    this.workDir = workDir;
    this.db = db;
    this.clock = clock;
    this.syncId = syncId;
    this.previousSyncs = List.copyOf(previousSyncs);
    this.resourceTypes = new BatchedStatement(db, WriterSql.UPSERT_RESOURCE_TYPE);
    this.resources = new BatchedStatement(db, WriterSql.UPSERT_RESOURCE);
    this.entitlements = new BatchedStatement(db, WriterSql.UPSERT_ENTITLEMENT);
    this.grants = new BatchedStatement(db, WriterSql.UPSERT_GRANT);
  }

  /** A writer for {@code target}, building its database under the JVM's temp directory. */
  public static C1zWriter create(Path target) throws IOException {
    return create(target, null, Clock.systemDefaultZone());
  }

  /** A writer for {@code target}, building its database under {@code tempDir}. */
  public static C1zWriter create(Path target, Path tempDir) throws IOException {
    return create(target, tempDir, Clock.systemDefaultZone());
  }

  /**
   * A writer for {@code target} whose timestamps (sync start/end, discovered_at, the sync id's time
   * part) come from {@code clock}, in the clock's zone.
   *
   * @param tempDir where the working database goes; null for the JVM's temp directory
   * @throws IOException if the target's directory is missing or not writable, or the target is a
   *     directory; checked here so a long sync does not fail only at the end
   */
  public static C1zWriter create(Path target, Path tempDir, Clock clock) throws IOException {
    return create(target, tempDir, clock, SyncHistory.none());
  }

  /**
   * As {@link #create(Path, Path, Clock)}, first copying the syncs {@code history} keeps from the
   * current target (a target that is not a readable c1z v1 of the same owner gives none).
   */
  public static C1zWriter create(Path target, Path tempDir, Clock clock, SyncHistory history)
      throws IOException {
    return create(target, tempDir, clock, history, true);
  }

  /**
   * As {@link #create(Path, Path, Clock, SyncHistory)}; with {@code cleanupOnExit} false no JVM
   * exit hook removes the unfinished sync's temp files, for callers that let a sync finish on
   * SIGTERM and abandon it themselves.
   */
  public static C1zWriter create(
      Path target, Path tempDir, Clock clock, SyncHistory history, boolean cleanupOnExit)
      throws IOException {
    return create(target, tempDir, clock, history, cleanupOnExit, C1zSchema.SYNC_TYPE_FULL);
  }

  /**
   * As {@link #create(Path, Path, Clock, SyncHistory, boolean)}, recording the sync as {@code
   * syncType}: {@code full}, {@code resources_only} or {@code partial} (a targeted sync, whose
   * parent is the newest kept full sync; like Baton it is not expanded and not diffable).
   */
  public static C1zWriter create(
      Path target,
      Path tempDir,
      Clock clock,
      SyncHistory history,
      boolean cleanupOnExit,
      String syncType)
      throws IOException {
    if (!List.of(
            C1zSchema.SYNC_TYPE_FULL,
            C1zSchema.SYNC_TYPE_PARTIAL,
            C1zSchema.SYNC_TYPE_RESOURCES_ONLY)
        .contains(syncType)) {
      throw new IllegalArgumentException("unknown sync type " + syncType);
    }
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(history, "history");
    TargetFile checked = TargetFile.checkWritable(target);
    String syncId = Ksuid.next(clock.instant(), Ksuid.randomPayload());
    OutputLock lock = checked.lock();
    Path workDir;
    try {
      workDir = TempDirs.create(tempDir, "baton-c1z-");
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    Connection db = null;
    try {
      db = openDatabase(workDir.resolve(DB_FILE));
      List<String> kept =
          SyncRunRows.start(db, syncId, clock, checked.path(), workDir, history, syncType);
      LOG.debug(
          "c1z: started sync {} for {} in {} (earlier syncs kept: {})",
          syncId,
          checked.path(),
          workDir,
          kept);
      C1zWriter writer =
          new C1zWriter(
              checked,
              lock,
              workDir,
              db,
              clock,
              syncId,
              kept,
              C1zSchema.SYNC_TYPE_PARTIAL.equals(syncType));
      if (cleanupOnExit) {
        writer.exitHook = ExitHook.register("c1z-interrupted", writer::interrupted);
      }
      return writer;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(db);
      TempDirs.deleteTree(workDir);
      lock.close();
      throw new IOException(
          "cannot create c1z working database in "
              + workDir
              + ": "
              + e.getMessage()
              + dev.batoncf.files.TempDirs.spaceHint(workDir.getParent()),
          e);
    }
  }

  private static Connection openDatabase(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setPageSize(4096);
    // A private temp file that a crash simply discards: no journal, no fsync while building.
    config.setJournalMode(SQLiteConfig.JournalMode.OFF);
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
    config.setCacheSize(-32_768); // 32 MiB of native page cache, independent of the Java heap
    Connection db = config.createConnection("jdbc:sqlite:" + file);
    db.setAutoCommit(false);
    return db;
  }

  /** The KSUID of the sync run this writer records. */
  public String syncId() {
    return syncId;
  }

  /** The earlier syncs carried over from the target, oldest first. */
  public List<String> previousSyncs() {
    return previousSyncs;
  }

  /** Timings to record in the cached stats at {@link #finish()}. */
  public synchronized void recordTimings(SyncTimings syncTimings) {
    requireOpen();
    this.timings = Objects.requireNonNull(syncTimings);
  }

  /** Grants the expansion added, once {@link #finish()} succeeded (0 before). */
  public synchronized long expandedGrants() {
    return expansion == null ? 0 : expansion.created();
  }

  /** The file {@link #finish()} replaces. */
  public Path target() {
    return target.path();
  }

  /** Stores a resource type; its external id is the type id. */
  public synchronized void putResourceType(ResourceType resourceType) throws IOException {
    requireOpen();
    require(!resourceType.getId().isEmpty(), "resource type has an empty id");
    byte[] data = ProtoRows.deterministicBytes(resourceType);
    write(
        resourceTypes,
        st -> {
          st.setString(1, resourceType.getId());
          st.setBytes(2, data);
          bindSyncAndTime(st, 3);
        });
  }

  /**
   * Stores a resource under {@code "<type>:<id>"}; parent columns are NULL when it has no parent.
   */
  public synchronized void putResource(Resource resource) throws IOException {
    requireOpen();
    ResourceId id = resource.getId();
    requireId(resource.hasId(), id, "resource");
    byte[] data = ProtoRows.deterministicBytes(resource);
    write(
        resources,
        st -> {
          st.setString(1, id.getResourceType());
          st.setString(2, id.getResourceType() + ":" + id.getResource());
          if (resource.hasParentResourceId()) {
            st.setString(3, resource.getParentResourceId().getResourceType());
            st.setString(4, resource.getParentResourceId().getResource());
          } else {
            st.setNull(3, Types.VARCHAR);
            st.setNull(4, Types.VARCHAR);
          }
          st.setBytes(5, data);
          bindSyncAndTime(st, 6);
        });
  }

  /**
   * Stores an entitlement under its id, indexed by the type and id of the resource it belongs to.
   */
  public synchronized void putEntitlement(Entitlement entitlement) throws IOException {
    requireOpen();
    require(!entitlement.getId().isEmpty(), "entitlement has an empty id");
    ResourceId resourceId = entitlement.getResource().getId();
    requireId(
        entitlement.getResource().hasId(),
        resourceId,
        "resource of entitlement " + entitlement.getId());
    byte[] data = ProtoRows.deterministicBytes(entitlement);
    write(
        entitlements,
        st -> {
          st.setString(1, resourceId.getResourceType());
          st.setString(2, resourceId.getResource());
          st.setString(3, entitlement.getId());
          st.setBytes(4, data);
          bindSyncAndTime(st, 5);
        });
  }

  /**
   * Stores the full grant (entitlement and principal embedded). A GrantExpandable annotation is
   * moved to the {@code expansion} column with {@code needs_expansion = 1}, as Baton does.
   */
  public synchronized void putGrant(Grant grant) throws IOException {
    requireOpen();
    require(!grant.getId().isEmpty(), "grant has an empty id");
    Entitlement entitlement = grant.getEntitlement();
    require(!entitlement.getId().isEmpty(), "grant " + grant.getId() + " has no entitlement id");
    ResourceId resourceId = entitlement.getResource().getId();
    requireId(
        entitlement.getResource().hasId(),
        resourceId,
        "entitlement resource of grant " + grant.getId());
    ResourceId principal = grant.getPrincipal().getId();
    requireId(grant.getPrincipal().hasId(), principal, "principal of grant " + grant.getId());
    ProtoRows.SplitGrant split = ProtoRows.splitExpansion(grant);
    byte[] data = ProtoRows.deterministicBytes(split.stored());
    write(
        grants,
        st -> {
          st.setString(1, resourceId.getResourceType());
          st.setString(2, resourceId.getResource());
          st.setString(3, entitlement.getId());
          st.setString(4, principal.getResourceType());
          st.setString(5, principal.getResource());
          st.setString(6, grant.getId());
          if (split.expansion() == null) {
            st.setNull(7, Types.BLOB);
            st.setInt(8, 0);
          } else {
            st.setBytes(7, split.expansion());
            st.setInt(8, 1);
          }
          st.setBytes(9, data);
          bindSyncAndTime(st, 10);
        });
  }

  /**
   * Records a connector session value with this sync (Baton's tools ignore keys they do not know);
   * set each key at most once per sync.
   */
  public synchronized void putSessionValue(String key, String value) throws IOException {
    requireOpen();
    try (PreparedStatement st = db.prepareStatement(WriterSql.INSERT_SESSION)) {
      st.setString(1, syncId);
      st.setString(2, key);
      st.setBytes(3, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      st.executeUpdate();
    } catch (SQLException e) {
      throw fail("record session value " + key, e);
    }
  }

  /** Rows stored so far (after {@link #finish()}: the final counts). */
  public synchronized Counts counts() throws IOException {
    if (finalCounts != null) {
      return finalCounts;
    }
    requireOpen();
    try {
      flushAll();
      return SyncCounter.count(db, syncId, previousSyncs.isEmpty());
    } catch (SQLException e) {
      throw fail("count rows", e);
    }
  }

  /**
   * Expands the grants, ends the sync run (ended_at, cached stats, supports_diff), writes {@code
   * <dir>/.<name>.tmp-<random>} as magic + zstd(database), forces it to disk and renames it over
   * the target. If anything fails the target is left as it was and the temp file is removed.
   */
  public synchronized void finish() throws IOException {
    requireOpen();
    Path tmp = null;
    long start = System.nanoTime();
    try {
      flushAll();
      SyncRunRows.buildIndexes(db, C1zSchema.EXPANSION_INDEXES);
      long expandStart = System.nanoTime();
      expansion =
          partial
              ? new GrantExpander.Result(0, 0, 0)
              : GrantExpander.run(
                  db, syncId, () -> GoTime.format(clock.instant(), clock.getZone()));
      long expandMs = (System.nanoTime() - expandStart) / 1_000_000;
      SyncRunRows.buildIndexes(db, C1zSchema.SECONDARY_INDEXES);
      Counts counts =
          SyncRunRows.end(
              db,
              syncId,
              clock,
              previousSyncs.isEmpty(),
              timings.withStep("grant-expansion", expandMs),
              !partial);
      db.commit();
      closeDatabase();
      requireSelfContained();
      long indexed = System.nanoTime();
      tmp = target.newTempSibling();
      pendingTmp = tmp;
      C1zCodec.compress(workDir.resolve(DB_FILE), tmp);
      renaming = true;
      target.replaceWith(tmp);
      tmp = null;
      finalCounts = counts;
      state = State.FINISHED;
      LOG.debug(
          "c1z: finished sync {} into {} ({} rows; indexes {} ms, compression {} ms)",
          syncId,
          target.path(),
          counts.total(),
          (indexed - start) / 1_000_000,
          (System.nanoTime() - indexed) / 1_000_000);
    } catch (SQLException e) {
      throw fail("finish the sync", e);
    } catch (IOException | RuntimeException e) {
      state = State.FAILED;
      throw e;
    } finally {
      if (tmp != null) {
        TempDirs.deleteQuietly(tmp);
      }
      if (state == State.FINISHED) {
        TempDirs.deleteTree(workDir);
      }
    }
  }

  /**
   * Releases everything. Without a successful {@link #finish()} this aborts: the target is
   * untouched.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    if (state != State.FINISHED) {
      closeQuietly(db);
      TempDirs.deleteTree(workDir);
      LOG.debug("c1z: sync {} discarded; {} left as it was", syncId, target.path());
    }
    state = State.CLOSED;
    if (exitHook != null) {
      exitHook.close();
    }
    lock.close();
  }

  /**
   * The JVM is exiting (SIGTERM, Ctrl-C) while this sync is unfinished: say so in one line and
   * remove its temp files, so that nothing is left for the next run. Runs on the hook thread,
   * without the writer's monitor (the sync thread may hold it); the target is never touched.
   */
  private void interrupted() {
    if ((state != State.OPEN && state != State.FAILED) || renaming) {
      return;
    }
    LOG.warn(
        "interrupted: the sync into {} stopped before it finished; {} is unchanged",
        target.path(),
        target.path());
    TempDirs.deleteTree(workDir);
    Path tmp = pendingTmp;
    if (tmp != null) {
      TempDirs.deleteQuietly(tmp);
    }
    lock.close();
  }

  private void write(BatchedStatement statement, Binder binder) throws IOException {
    try {
      binder.bind(statement.params());
      statement.add();
      if (++uncommitted >= COMMIT_ROWS) {
        flushAll();
        db.commit();
        uncommitted = 0;
      }
    } catch (SQLException e) {
      throw fail("write a row", e);
    }
  }

  private void bindSyncAndTime(PreparedStatement st, int index) throws SQLException {
    st.setString(index, syncId);
    st.setString(index + 1, GoTime.format(clock.instant(), clock.getZone()));
  }

  private void flushAll() throws SQLException {
    for (BatchedStatement st : List.of(resourceTypes, resources, entitlements, grants)) {
      st.flush();
    }
  }

  private void closeDatabase() throws SQLException {
    for (BatchedStatement st : List.of(resourceTypes, resources, entitlements, grants)) {
      st.close();
    }
    db.close();
  }

  /**
   * With the journal off nothing should sit next to the database; if it does, the file is not
   * whole.
   */
  private void requireSelfContained() throws IOException {
    try (Stream<Path> files = Files.list(workDir)) {
      List<String> extra =
          files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(DB_FILE)).toList();
      if (!extra.isEmpty()) {
        throw new IOException("c1z: working database is not self-contained, found " + extra);
      }
    }
  }

  private IOException fail(String what, SQLException e) {
    state = State.FAILED;
    return new IOException(
        "c1z: could not " + what + " for sync " + syncId + ": " + e.getMessage(), e);
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException(
          "c1z writer for " + target.path() + " is " + state.name().toLowerCase());
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void requireId(boolean present, ResourceId id, String what) {
    require(
        present && !id.getResourceType().isEmpty() && !id.getResource().isEmpty(),
        what + " needs a resource id with both type and id");
  }

  private static void closeQuietly(Connection db) {
    if (db == null) {
      return;
    }
    try {
      db.close();
    } catch (SQLException e) {
      LOG.debug("c1z: closing working database failed", e);
    }
  }
}
