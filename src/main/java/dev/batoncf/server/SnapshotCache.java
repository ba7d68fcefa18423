package dev.batoncf.server;

import dev.batoncf.connector.Feed;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The snapshots of the syncs hosts are running, bounded: at most {@code capacity} (least recently
 * used goes first), each dropped after {@code idleTtl} without a request, or by Cleanup. A dropped
 * snapshot's files are deleted as soon as no request is using it.
 *
 * <p>Keys: {@code sync:<active_sync_id>} when the host sends one (Baton does once Validate reports
 * a recent SDK version). Without one, requests share the newest anonymous snapshot ({@code
 * anon:<generation>}) while it is younger than {@code anonymousMaxAge}. Every snapshot gets a new
 * generation; a page token names key and generation, and {@link #forToken} refuses it with ABORTED
 * once that generation is gone, even when the key has a newer snapshot.
 *
 * <p>Requests hold a {@link Lease} while they use a snapshot.
 */
final class SnapshotCache implements AutoCloseable {
  static final String SYNC_PREFIX = "sync:";
  static final String ANONYMOUS_PREFIX = "anon:";

  private final Supplier<List<Feed<?>>> feeds;
  private final Path dir;
  private final int capacity;
  private final Duration idleTtl;
  private final Duration anonymousMaxAge;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> byKey = new LinkedHashMap<>(16, 0.75f, true);
  private long generations;
  private String anonymousKey;
  private Instant anonymousCreated;
  private boolean closed;

  /** Retired snapshots no request uses, deleted once the lock is released. */
  private final List<SyncSnapshot> toDelete = new ArrayList<>();

  /**
   * @param dir where snapshot directories go; null for the JVM's temp directory
   */
  SnapshotCache(
      Supplier<List<Feed<?>>> feeds,
      Path dir,
      int capacity,
      Duration idleTtl,
      Duration anonymousMaxAge,
      Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("snapshot capacity must be at least 1");
    }
    this.feeds = feeds;
    this.dir = dir;
    this.capacity = capacity;
    this.idleTtl = idleTtl;
    this.anonymousMaxAge = anonymousMaxAge;
    this.clock = clock;
  }

  /** A snapshot in use by one request; closing it lets a dropped snapshot be deleted. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean released;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    SyncSnapshot snapshot() {
      return entry.snapshot;
    }

    @Override
    public void close() {
      boolean delete;
      synchronized (SnapshotCache.this) {
        if (released) {
          return;
        }
        released = true;
        entry.users--;
        entry.lastUsed = clock.instant();
        delete = entry.retired && entry.users == 0;
      }
      if (delete) {
        entry.snapshot.close();
      }
    }
  }

  private static final class Entry {
    final SyncSnapshot snapshot;
    int users;
    Instant lastUsed;
    boolean retired;

    Entry(SyncSnapshot snapshot, Instant now) {
      this.snapshot = snapshot;
      this.lastUsed = now;
    }
  }

  /** Whether a key names an anonymous snapshot (requests without active_sync_id). */
  static boolean isAnonymousKey(String key) {
    return key != null && key.startsWith(ANONYMOUS_PREFIX);
  }

  /** The key requests with this active_sync_id use; null for "the current anonymous one". */
  static String syncKey(String activeSyncId) {
    return activeSyncId == null || activeSyncId.isEmpty() ? null : SYNC_PREFIX + activeSyncId;
  }

  /** The snapshot a first page (no token) belongs to, created when there is none. */
  Lease forRequest(String activeSyncId) {
    return underLock(
        now -> {
          String key = currentKey(activeSyncId, now);
          Entry e = key == null ? null : byKey.get(key);
          if (e == null) {
            long generation = ++generations;
            if (key == null) {
              key = ANONYMOUS_PREFIX + generation;
              anonymousKey = key;
              anonymousCreated = now;
            }
            e =
                new Entry(
                    new SyncSnapshot(key, generation, feeds.get(), SnapshotStore.create(dir)), now);
            byKey.put(key, e);
            evictOverCapacity();
          }
          return lease(e, now);
        });
  }

  /**
   * The snapshot a page token pages through.
   *
   * @throws io.grpc.StatusRuntimeException ABORTED when that snapshot is gone
   */
  Lease forToken(PageToken token) {
    Lease l =
        underLock(
            now -> {
              Entry e = byKey.get(token.snapshot());
              return e == null || e.snapshot.generation() != token.generation()
                  ? null
                  : lease(e, now);
            });
    if (l == null) {
      throw gone(
          "the snapshot this page token pages through is gone (idle for "
              + idleTtl.toMinutes()
              + " minutes, evicted by newer syncs, or ended by Cleanup)");
    }
    return l;
  }

  /** The request's current snapshot if there is one; never creates one. */
  Optional<Lease> find(String activeSyncId) {
    return Optional.ofNullable(
        underLock(
            now -> {
              String key = currentKey(activeSyncId, now);
              Entry e = key == null ? null : byKey.get(key);
              return e == null ? null : lease(e, now);
            }));
  }

  /**
   * Runs {@code body} under the cache's lock after dropping expired snapshots; whatever it or the
   * expiry dropped is deleted after the lock is released.
   */
  private <T> T underLock(Function<Instant, T> body) {
    try {
      synchronized (this) {
        requireOpen();
        Instant now = clock.instant();
        expire(now);
        return body.apply(now);
      }
    } finally {
      deleteDropped();
    }
  }

  /** The sync's key, or the anonymous snapshot young enough to join (null: none). */
  private String currentKey(String activeSyncId, Instant now) {
    String key = syncKey(activeSyncId);
    return key != null ? key : freshAnonymousKey(now);
  }

  /** A resource as some snapshot has it, most recently used snapshot first. */
  Optional<Resource> anyResource(ResourceId id) {
    List<Lease> leases = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return Optional.empty();
      }
      Instant now = clock.instant();
      for (Entry e : byKey.values()) {
        leases.add(0, lease(e, now));
      }
    }
    try {
      for (Lease l : leases) {
        Optional<Resource> r = l.snapshot().resource(id);
        if (r.isPresent()) {
          return r;
        }
      }
      return Optional.empty();
    } finally {
      leases.forEach(Lease::close);
    }
  }

  /** Cleanup: drops the sync's snapshot, or every anonymous one when no sync id is given. */
  int drop(String activeSyncId) {
    try {
      synchronized (this) {
        String key = syncKey(activeSyncId);
        int n = 0;
        for (Iterator<Map.Entry<String, Entry>> it = byKey.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<String, Entry> e = it.next();
          if (key != null ? e.getKey().equals(key) : isAnonymousKey(e.getKey())) {
            it.remove();
            retire(e.getValue());
            n++;
          }
        }
        if (key == null) {
          anonymousKey = null;
        }
        return n;
      }
    } finally {
      deleteDropped();
    }
  }

  /** Drops snapshots idle past their time; the server runs this every minute. */
  void expireIdle() {
    synchronized (this) {
      expire(clock.instant());
    }
    deleteDropped();
  }

  /** Snapshots held now (for tests and operations). */
  synchronized int size() {
    return byKey.size();
  }

  /** Drops every snapshot; later requests are refused. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      byKey.values().forEach(this::retire);
      byKey.clear();
    }
    deleteDropped();
  }

  private Lease lease(Entry e, Instant now) {
    e.users++;
    e.lastUsed = now;
    return new Lease(e);
  }

  /** The current anonymous key while its snapshot is young enough to join, else null. */
  private String freshAnonymousKey(Instant now) {
    if (anonymousKey == null || !byKey.containsKey(anonymousKey)) {
      return null;
    }
    return anonymousCreated.plus(anonymousMaxAge).isAfter(now) ? anonymousKey : null;
  }

  /** Drops idle and broken snapshots. */
  private void expire(Instant now) {
    for (Iterator<Entry> it = byKey.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      boolean idle = e.users == 0 && e.lastUsed.plus(idleTtl).isBefore(now);
      if (idle || e.snapshot.broken()) {
        it.remove();
        retire(e);
      }
    }
  }

  private void evictOverCapacity() {
    Iterator<Entry> it = byKey.values().iterator();
    while (byKey.size() > capacity && it.hasNext()) {
      retire(it.next());
      it.remove();
    }
  }

  /**
   * Caller holds the lock and has taken the entry out of the map. One no request uses is deleted by
   * {@link #deleteDropped}; one in use when its last lease closes.
   */
  private void retire(Entry e) {
    e.retired = true;
    if (e.users == 0) {
      toDelete.add(e.snapshot);
    }
  }

  /** Deletes retired snapshots' files outside the lock (it takes a moment per file). */
  private void deleteDropped() {
    List<SyncSnapshot> now;
    synchronized (this) {
      now = new ArrayList<>(toDelete);
      toDelete.clear();
    }
    now.forEach(SyncSnapshot::close);
  }

  private void requireOpen() {
    if (closed) {
      throw Status.UNAVAILABLE.withDescription("the server is shutting down").asRuntimeException();
    }
  }

  static RuntimeException gone(String why) {
    return Status.ABORTED
        .withDescription(
            why + "; start the sync again (a new " + "active_sync_id, or list from the first page)")
        .asRuntimeException();
  }
}
