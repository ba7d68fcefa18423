package dev.batoncf.server;

import dev.batoncf.connector.Feed;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.sync.FeedCursor;
import dev.batoncf.sync.Progress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One host-driven sync: the same feeds, page loop and handlers as the CLI's sync ({@link
 * FeedCursor}), advanced lazily, at most one upstream page per host request, with the derived
 * rows kept for every later request of that sync. A host walk therefore reads each Cloudflare
 * page exactly once, in the CLI's order, and serves role and group grants from the one member /
 * Access-user pass instead of one scan per role or group.
 *
 * <p>All access is serialized on this object; a step holds the lock while it waits on Cloudflare,
 * so concurrent requests of one sync never fetch a page twice.
 */
final class SyncSnapshot {
  private final String key;
  private final SnapshotRows rows = new SnapshotRows();
  private final FeedCursor cursor;
  // Read by the cache without taking this snapshot's lock, which a step holds while on the network.
  private volatile Instant lastUsed;

  SyncSnapshot(String key, List<Feed<?>> feeds, Instant now) {
    this.key = key;
    this.lastUsed = now;
    this.cursor = new FeedCursor(feeds, rows, Progress.NONE);
  }

  /**
   * One page of a listing.
   *
   * @param nextOffset how many items the host has after this page
   * @param steps      upstream pages the snapshot has read so far
   * @param complete   the sync has read everything and the host now has every item
   */
  record Slice<T>(List<T> items, long nextOffset, long steps, boolean complete) {}

  String key() {
    return key;
  }

  Instant lastUsed() {
    return lastUsed;
  }

  void touch(Instant now) {
    lastUsed = now;
  }

  /**
   * The items of a listing past {@code offset}. When there are none yet and the sync has pages
   * left, fetches exactly one upstream page first (which may or may not add to this listing).
   *
   * @param listing what the listing is, over the rows derived so far
   * @param offset  how many items the host has already been given
   * @param size    the most items to return
   */
  synchronized <T> Slice<T> page(Function<SnapshotRows, List<T>> listing, long offset, int size) {
    List<T> items = listing.apply(rows);
    if (items.size() <= offset && !cursor.done()) {
      cursor.step();
      items = listing.apply(rows);
    }
    int from = (int) Math.min(offset, items.size());
    int to = Math.min(items.size(), from + size);
    List<T> slice = List.copyOf(items.subList(from, to));
    return new Slice<>(slice, to, cursor.steps(), cursor.done() && to >= items.size());
  }

  /** What the rows say now, without fetching anything. */
  synchronized <T> T peek(Function<SnapshotRows, T> read) {
    return read.apply(rows);
  }

  synchronized Optional<Resource> resource(ResourceId id) {
    return rows.resource(id);
  }
}
