package dev.batoncf.server;

import dev.batoncf.connector.Feed;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.sync.FeedCursor;
import dev.batoncf.sync.Progress;
import java.util.List;
import java.util.Optional;

/**
 * One host-driven sync: the same feeds, page loop and handlers as the CLI's sync ({@link
 * FeedCursor}), advanced lazily, at most one upstream page per host request, with the derived rows
 * in an on-disk {@link SnapshotStore} for every later request of that sync. A host walk therefore
 * reads each Cloudflare page exactly once, in the CLI's order, and serves role and group grants
 * from the one member / Access-user pass instead of one scan per role or group.
 *
 * <p>Steps are serialized on a lock held while waiting on Cloudflare, so concurrent requests of one
 * sync never fetch a page twice; reads of rows already stored do not wait for a step. The
 * generation names this snapshot among every one the process created: page tokens carry it, so a
 * token outliving its snapshot is refused instead of paging through another one.
 */
final class SyncSnapshot {
  private final String key;
  private final long generation;
  private final SnapshotStore store;
  private final FeedCursor cursor;
  private final Object stepLock = new Object();
  private volatile boolean finished;
  private volatile long steps;
  private volatile boolean broken;

  SyncSnapshot(String key, long generation, List<Feed<?>> feeds, SnapshotStore store) {
    this.key = key;
    this.generation = generation;
    this.store = store;
    this.cursor = new FeedCursor(feeds, store, Progress.NONE);
  }

  /**
   * One page of a listing.
   *
   * @param items the rows of this page
   * @param next the cursor after this page (the last row's sequence number)
   * @param steps upstream pages the snapshot has read so far
   * @param complete the sync has read everything and the host now has every item
   */
  record Slice<T>(List<T> items, long next, long steps, boolean complete) {}

  /** The rows of one listing after a cursor, at most {@code limit}. */
  @FunctionalInterface
  interface Query<T> {
    List<SnapshotStore.Row<T>> rows(SnapshotStore store, long after, int limit);
  }

  String key() {
    return key;
  }

  long generation() {
    return generation;
  }

  /** A step failed to store its rows: the snapshot cannot be trusted and is dropped. */
  boolean broken() {
    return broken;
  }

  /**
   * The items of a listing after cursor {@code after}. When there are none yet and the sync has
   * pages left, fetches exactly one upstream page first (which may or may not add to this listing).
   */
  <T> Slice<T> page(Query<T> query, long after, int size) {
    // Read "finished" before the rows: if it was set, every row was already stored.
    boolean done = finished;
    List<SnapshotStore.Row<T>> rows = query.rows(store, after, size + 1);
    if (rows.isEmpty() && !done) {
      synchronized (stepLock) {
        done = finished;
        rows = query.rows(store, after, size + 1);
        if (rows.isEmpty() && !done) {
          step();
          done = finished;
          rows = query.rows(store, after, size + 1);
        }
      }
    }
    boolean more = rows.size() > size;
    List<SnapshotStore.Row<T>> page = more ? rows.subList(0, size) : rows;
    long next = page.isEmpty() ? after : page.get(page.size() - 1).seq();
    return new Slice<>(
        page.stream().map(SnapshotStore.Row::item).toList(), next, steps, done && !more);
  }

  /** Caller holds {@link #stepLock}. A step that throws on Cloudflare's side stores nothing. */
  private void step() {
    try {
      cursor.step();
      store.commit();
    } catch (java.io.UncheckedIOException e) {
      broken = true;
      throw e;
    }
    steps = cursor.steps();
    if (cursor.done()) {
      finished = true;
    }
  }

  Optional<Resource> resource(ResourceId id) {
    return store.resource(id);
  }

  /** What {@link #find} saw: the resource, or whether the sync has read everything. */
  record Found(Optional<Resource> resource, boolean complete) {}

  /**
   * The resource, reading on (one upstream page per step, the cursor's own loop) while the sync has
   * pages left and {@code keepGoing} allows another step. A targeted sync asks for its resources
   * before listing anything, so this is how it gets them.
   */
  Found find(ResourceId id, java.util.function.BooleanSupplier keepGoing) {
    Optional<Resource> r = store.resource(id);
    if (r.isPresent() || finished) {
      return new Found(r, finished);
    }
    synchronized (stepLock) {
      r = store.resource(id);
      while (r.isEmpty() && !finished && keepGoing.getAsBoolean()) {
        step();
        r = store.resource(id);
      }
      return new Found(r, finished);
    }
  }

  List<Entitlement> entitlements(ResourceId resource) {
    return store.entitlements(resource).stream().map(SnapshotStore.Row::item).toList();
  }

  long sizeBytes() {
    return store.sizeBytes();
  }

  /** Deletes the rows; only the cache calls this, once no request uses the snapshot. */
  void close() {
    store.close();
  }
}
