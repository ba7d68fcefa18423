package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snapshot cache stays bounded: capacity, idle expiry, Cleanup, anonymous windows. */
class SnapshotCacheTest {
  private final MutableClock clock = new MutableClock();
  private final SnapshotCache cache = new SnapshotCache(List::of, 2, Duration.ofMinutes(30),
      Duration.ofMinutes(10), clock);

  @Test
  void leastRecentlyUsedGoesBeyondCapacity() {
    SyncSnapshot a = cache.forRequest("A", null);
    cache.forRequest("B", null);
    assertSame(a, cache.forRequest("A", null)); // A is now the most recently used
    cache.forRequest("C", null);
    assertTrue(cache.find("B", null).isEmpty(), "B was least recently used");
    assertSame(a, cache.find("A", null).orElseThrow());
    assertTrue(cache.find("C", null).isPresent());
  }

  @Test
  void idleSnapshotsExpireAndCleanupDropsThem() {
    SyncSnapshot a = cache.forRequest("A", null);
    clock.advance(Duration.ofMinutes(31));
    assertTrue(cache.find("A", null).isEmpty());
    assertNotSame(a, cache.forRequest("A", null));
    assertEquals(1, cache.drop("A"));
    assertTrue(cache.find("A", null).isEmpty());
    assertEquals(0, cache.drop("A"));
  }

  @Test
  void requestsWithoutSyncIdShareAYoungAnonymousSnapshot() {
    SyncSnapshot first = cache.forRequest("", null);
    assertTrue(SnapshotCache.isAnonymousKey(first.key()));
    clock.advance(Duration.ofMinutes(5));
    assertSame(first, cache.forRequest("", null));
    clock.advance(Duration.ofMinutes(6));
    SyncSnapshot second = cache.forRequest("", null);
    assertNotEquals(first.key(), second.key(), "too old to join: a new one starts");
    // A page token keeps a walk on the snapshot it started with.
    assertSame(first, cache.forRequest("", first.key()));
    cache.forRequest("A", null);
    assertEquals(1, cache.drop(""), "capacity 2 left one anonymous snapshot; Cleanup drops it");
    assertTrue(cache.find("A", null).isPresent(), "Cleanup without id keeps synced ones");
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
