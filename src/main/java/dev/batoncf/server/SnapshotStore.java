package dev.batoncf.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.batoncf.connector.RowSink;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The rows one host-driven sync derived so far, on disk: a SQLite database in a private directory
 * (0700, file 0600), indexed the way the host asks (resources by type and by parent, entitlements
 * and grants by resource), so the server's memory does not grow with the account.
 *
 * <p>Every row gets a sequence number when first put; a later put with the same id replaces the
 * data and keeps the number, as the c1z writer's upsert does. Listings are ordered by it and page
 * by "rows after sequence N", so a cursor stays valid while the sync advances. Rows put during a
 * step become one transaction at {@link #commit()}. Methods are synchronized: one connection, used
 * by one thread at a time, and no call holds the lock for long.
 */
final class SnapshotStore implements RowSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

  static final String DIR_PREFIX = "baton-cloudflare-snapshot-";
  static final String DB_FILE = "snapshot.db";

  /** Far above any one resource's entitlements; a guard, not a limit the data reaches. */
  static final int MAX_ENTITLEMENTS_PER_RESOURCE = 10_000;

  private static final String[] SCHEMA = {
    "create table resources (seq integer primary key, type text not null, id text not null,"
        + " parent text, data blob not null, unique (type, id))",
    "create index resources_by_type on resources (type, seq)",
    "create index resources_by_parent on resources (parent, type, seq)",
    "create table entitlements (seq integer primary key, id text not null unique,"
        + " resource text not null, data blob not null)",
    "create index entitlements_by_resource on entitlements (resource, seq)",
    "create table grants (seq integer primary key, id text not null unique,"
        + " resource text not null, data blob not null)",
    "create index grants_by_resource on grants (resource, seq)",
  };
  private static final String PUT_RESOURCE =
      "insert into resources (type, id, parent, data)"
          + " values (?, ?, ?, ?) on conflict (type, id) do update set parent = excluded.parent,"
          + " data = excluded.data";
  private static final String PUT_ENTITLEMENT =
      "insert into entitlements (id, resource, data)"
          + " values (?, ?, ?) on conflict (id) do update set resource = excluded.resource,"
          + " data = excluded.data";
  private static final String PUT_GRANT =
      "insert into grants (id, resource, data)"
          + " values (?, ?, ?) on conflict (id) do update set resource = excluded.resource,"
          + " data = excluded.data";
  private static final String RESOURCES_OF_TYPE =
      "select seq, data from resources" + " where type = ? and seq > ? order by seq limit ?";
  private static final String CHILDREN =
      "select seq, data from resources"
          + " where parent = ? and type = ? and seq > ? order by seq limit ?";
  private static final String RESOURCE = "select data from resources where type = ? and id = ?";
  private static final String ENTITLEMENTS =
      "select seq, data from entitlements" + " where resource = ? and seq > ? order by seq limit ?";
  private static final String GRANTS =
      "select seq, data from grants" + " where resource = ? and seq > ? order by seq limit ?";

  /** A row with its sequence number, the cursor of the next page. */
  record Row<T>(long seq, T item) {}

  @FunctionalInterface
  private interface Parser<T> {
    T parse(byte[] data) throws InvalidProtocolBufferException;
  }

  private final Path dir;
  private final Connection db;
  private final PreparedStatement putResource;
  private final PreparedStatement putEntitlement;
  private final PreparedStatement putGrant;
  private boolean closed;

  private SnapshotStore(Path dir, Connection db) throws SQLException {
    this.dir = dir;
    this.db = db;
    this.putResource = db.prepareStatement(PUT_RESOURCE);
    this.putEntitlement = db.prepareStatement(PUT_ENTITLEMENT);
    this.putGrant = db.prepareStatement(PUT_GRANT);
  }

  /**
   * A new, empty store in a private directory under {@code parent} (null: the JVM's temp
   * directory).
   */
  static SnapshotStore create(Path parent) {
    Path dir = null;
    Connection db = null;
    try {
      // The owner's pid in the name lets a later server delete what a killed one left.
      String prefix = DIR_PREFIX + ProcessHandle.current().pid() + "-";
      dir =
          parent == null
              ? Files.createTempDirectory(prefix)
              : Files.createTempDirectory(parent, prefix);
      Path file = dir.resolve(DB_FILE);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        // SQLite would create it with the umask's mode; an empty file is an empty database.
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      db = open(file);
      try (Statement st = db.createStatement()) {
        for (String ddl : SCHEMA) {
          st.execute(ddl);
        }
      }
      db.commit();
      return new SnapshotStore(dir, db);
    } catch (IOException | SQLException e) {
      closeQuietly(db);
      if (dir != null) {
        deleteTree(dir);
      }
      throw new UncheckedIOException(
          "could not create a snapshot database in "
              + (parent == null ? "the temp directory" : parent)
              + ": "
              + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * Deletes snapshot directories under {@code parent} (null: the JVM's temp directory) whose owning
   * process is gone, as {@code kill -9} leaves them; a live owner's are kept.
   *
   * @return how many were deleted
   */
  static int deleteStale(Path parent) {
    Path root = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
    int deleted = 0;
    try (var dirs = Files.newDirectoryStream(root, DIR_PREFIX + "*")) {
      for (Path d : dirs) {
        String rest = d.getFileName().toString().substring(DIR_PREFIX.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue; // not named by us
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(d);
          deleted++;
        }
      }
    } catch (IOException e) {
      log.warn("could not look for stale snapshots in {}: {}", root, e.getMessage());
    }
    if (deleted > 0) {
      log.info("deleted {} snapshot directories left by servers that were killed", deleted);
    }
    return deleted;
  }

  private static Connection open(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    // A private scratch file that a crash simply loses: no journal, no fsync.
    config.setJournalMode(SQLiteConfig.JournalMode.OFF);
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-8_192); // 8 MiB of native page cache per snapshot, not Java heap
    Connection db = config.createConnection("jdbc:sqlite:" + file);
    db.setAutoCommit(false);
    return db;
  }

  /** "type:id", how a resource is named in the parent and resource columns. */
  static String key(ResourceId id) {
    return id.getResourceType() + ":" + id.getResource();
  }

  @Override
  public synchronized void resource(Resource r) {
    write(
        putResource,
        st -> {
          st.setString(1, r.getId().getResourceType());
          st.setString(2, r.getId().getResource());
          st.setString(3, r.hasParentResourceId() ? key(r.getParentResourceId()) : null);
          st.setBytes(4, r.toByteArray());
        });
  }

  @Override
  public synchronized void entitlement(Entitlement e) {
    write(
        putEntitlement,
        st -> {
          st.setString(1, e.getId());
          st.setString(2, key(e.getResource().getId()));
          st.setBytes(3, e.toByteArray());
        });
  }

  @Override
  public synchronized void grant(Grant g) {
    write(
        putGrant,
        st -> {
          st.setString(1, g.getId());
          st.setString(2, key(g.getEntitlement().getResource().getId()));
          st.setBytes(3, g.toByteArray());
        });
  }

  /** Makes the rows put since the last commit durable in the file (one transaction a step). */
  synchronized void commit() {
    if (closed) {
      return;
    }
    try {
      db.commit();
    } catch (SQLException e) {
      throw failure("commit", e);
    }
  }

  /** Resources of a type (every parent) after {@code afterSeq}, at most {@code limit}. */
  synchronized List<Row<Resource>> resources(String type, long afterSeq, int limit) {
    return query(RESOURCES_OF_TYPE, Resource::parseFrom, limit, type, afterSeq, limit);
  }

  /** Resources of a type whose parent is {@code parent}. */
  synchronized List<Row<Resource>> children(
      ResourceId parent, String type, long afterSeq, int limit) {
    return query(CHILDREN, Resource::parseFrom, limit, key(parent), type, afterSeq, limit);
  }

  synchronized List<Row<Entitlement>> entitlements(ResourceId resource) {
    int max = MAX_ENTITLEMENTS_PER_RESOURCE;
    return query(ENTITLEMENTS, Entitlement::parseFrom, max, key(resource), 0L, max);
  }

  synchronized List<Row<Grant>> grants(ResourceId resource, long afterSeq, int limit) {
    return query(GRANTS, Grant::parseFrom, limit, key(resource), afterSeq, limit);
  }

  synchronized Optional<Resource> resource(ResourceId id) {
    List<Row<Resource>> r =
        query(RESOURCE, Resource::parseFrom, 1, id.getResourceType(), id.getResource());
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0).item());
  }

  /** Bytes the database takes on disk now. */
  synchronized long sizeBytes() {
    try {
      return Files.size(dir.resolve(DB_FILE));
    } catch (IOException e) {
      return 0;
    }
  }

  /** Closes the database and deletes its directory; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PreparedStatement st : List.of(putResource, putEntitlement, putGrant)) {
      try {
        st.close();
      } catch (SQLException ignored) {
        // the connection goes next
      }
    }
    closeQuietly(db);
    deleteTree(dir);
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement st) throws SQLException;
  }

  private void write(PreparedStatement st, Binder binder) {
    requireOpen();
    try {
      binder.bind(st);
      st.executeUpdate();
    } catch (SQLException e) {
      throw failure("write", e);
    }
  }

  /** Runs a query; a row is the data column alone or (seq, data). */
  private <T> List<Row<T>> query(String sql, Parser<T> parser, int expected, Object... params) {
    requireOpen();
    List<Row<T>> out = new ArrayList<>(Math.min(expected, 256));
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        boolean withSeq = rs.getMetaData().getColumnCount() == 2;
        while (rs.next()) {
          long seq = withSeq ? rs.getLong(1) : 0;
          out.add(new Row<>(seq, parser.parse(rs.getBytes(withSeq ? 2 : 1))));
        }
      }
    } catch (SQLException e) {
      throw failure("read", e);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("snapshot row does not parse back", e);
    }
    return out;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("snapshot store is closed");
    }
  }

  private RuntimeException failure(String what, SQLException e) {
    return new UncheckedIOException(
        "snapshot database " + what + " failed in " + dir + ": " + e.getMessage(),
        new IOException(e));
  }

  private static void closeQuietly(Connection db) {
    if (db == null) {
      return;
    }
    try {
      db.close();
    } catch (SQLException e) {
      log.debug("closing a snapshot database: {}", e.getMessage());
    }
  }

  /** The directory holds only the database file. */
  private static void deleteTree(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      log.warn("could not delete snapshot directory {}: {}", dir, e.getMessage());
    }
  }
}
