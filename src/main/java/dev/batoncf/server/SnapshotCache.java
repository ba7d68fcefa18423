package dev.batoncf.server;

import dev.batoncf.connector.Feed;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The snapshots of the syncs hosts are running, bounded: at most {@code capacity} (least recently
 * used goes first), each dropped after {@code idleTtl} without a request, or by Cleanup.
 *
 * <p>Keys: {@code sync:<active_sync_id>} when the host sends one (Baton does once Validate
 * reports a recent SDK version). Without one, requests share the newest anonymous snapshot
 * ({@code time:<created millis>}) while it is younger than {@code anonymousMaxAge}; page tokens
 * carry that key, so a walk stays on its snapshot even after a newer one starts.
 */
final class SnapshotCache {
  static final String SYNC_PREFIX = "sync:";
  static final String TIME_PREFIX = "time:";

  private final Supplier<List<Feed<?>>> feeds;
  private final int capacity;
  private final Duration idleTtl;
  private final Duration anonymousMaxAge;
  private final Clock clock;
  private final LinkedHashMap<String, SyncSnapshot> byKey = new LinkedHashMap<>(16, 0.75f, true);
  private String anonymousKey;
  private Instant anonymousCreated;

  SnapshotCache(Supplier<List<Feed<?>>> feeds, int capacity, Duration idleTtl,
      Duration anonymousMaxAge, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("snapshot capacity must be at least 1");
    }
    this.feeds = feeds;
    this.capacity = capacity;
    this.idleTtl = idleTtl;
    this.anonymousMaxAge = anonymousMaxAge;
    this.clock = clock;
  }

  /** Whether a key taken from a page token names an anonymous snapshot (the only kind allowed). */
  static boolean isAnonymousKey(String key) {
    return key != null && key.startsWith(TIME_PREFIX);
  }

  /**
   * The snapshot a list request belongs to, created when new (or when it was evicted: a page token
   * may outlive its snapshot; the new one re-reads lazily and continues at the same offset).
   *
   * @param activeSyncId the request's active_sync_id, possibly empty
   * @param tokenKey     the anonymous key carried by the request's page token, or null
   */
  synchronized SyncSnapshot forRequest(String activeSyncId, String tokenKey) {
    Instant now = clock.instant();
    expire(now);
    String key = keyFor(activeSyncId, tokenKey, now);
    SyncSnapshot s = byKey.get(key);
    if (s == null) {
      s = new SyncSnapshot(key, feeds.get(), now);
      byKey.put(key, s);
      evictOverCapacity();
    }
    s.touch(now);
    return s;
  }

  /** The request's snapshot if it exists; never creates one. */
  synchronized Optional<SyncSnapshot> find(String activeSyncId, String tokenKey) {
    Instant now = clock.instant();
    expire(now);
    String key;
    if (activeSyncId != null && !activeSyncId.isEmpty()) {
      key = SYNC_PREFIX + activeSyncId;
    } else if (tokenKey != null) {
      key = tokenKey;
    } else {
      key = freshAnonymousKey(now);
    }
    return Optional.ofNullable(key == null ? null : byKey.get(key));
  }

  /**
   * A resource as some snapshot has it, most recently used snapshot first. The snapshots are
   * asked outside this cache's lock: one of them may be busy fetching a page.
   */
  Optional<Resource> anyResource(ResourceId id) {
    List<SyncSnapshot> newestFirst;
    synchronized (this) {
      newestFirst = new ArrayList<>(byKey.values());
    }
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      Optional<Resource> r = newestFirst.get(i).resource(id);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** Cleanup: drops the sync's snapshot, or every anonymous one when no sync id is given. */
  synchronized int drop(String activeSyncId) {
    if (activeSyncId != null && !activeSyncId.isEmpty()) {
      return byKey.remove(SYNC_PREFIX + activeSyncId) == null ? 0 : 1;
    }
    int before = byKey.size();
    byKey.keySet().removeIf(SnapshotCache::isAnonymousKey);
    anonymousKey = null;
    return before - byKey.size();
  }

  private String keyFor(String activeSyncId, String tokenKey, Instant now) {
    if (activeSyncId != null && !activeSyncId.isEmpty()) {
      return SYNC_PREFIX + activeSyncId;
    }
    if (tokenKey != null) {
      return tokenKey;
    }
    String fresh = freshAnonymousKey(now);
    if (fresh == null) {
      fresh = TIME_PREFIX + now.toEpochMilli();
      anonymousKey = fresh;
      anonymousCreated = now;
    }
    return fresh;
  }

  /** The current anonymous key while its snapshot is young enough to join, else null. */
  private String freshAnonymousKey(Instant now) {
    if (anonymousKey == null || !byKey.containsKey(anonymousKey)) {
      return null;
    }
    return anonymousCreated.plus(anonymousMaxAge).isAfter(now) ? anonymousKey : null;
  }

  private void expire(Instant now) {
    byKey.values().removeIf(s -> s.lastUsed().plus(idleTtl).isBefore(now));
  }

  private void evictOverCapacity() {
    Iterator<Map.Entry<String, SyncSnapshot>> it = byKey.entrySet().iterator();
    while (byKey.size() > capacity && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
