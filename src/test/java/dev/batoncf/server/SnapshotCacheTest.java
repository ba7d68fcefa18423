package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.connector.Ids;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot cache stays bounded, on disk too: capacity, idle expiry, Cleanup, anonymous windows,
 * and every dropped snapshot's files deleted once no request uses them.
 */
class SnapshotCacheTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock();
  private SnapshotCache cache;

  private SnapshotCache cache() {
    if (cache == null) {
      cache =
          new SnapshotCache(
              List::of, dir, 2, Duration.ofMinutes(30), Duration.ofMinutes(10), clock);
    }
    return cache;
  }

  @AfterEach
  void close() {
    if (cache != null) {
      cache.close();
    }
  }

  /** The snapshot of a first page, released at once as a request would. */
  private SyncSnapshot request(String syncId) {
    try (SnapshotCache.Lease l = cache().forRequest(syncId)) {
      return l.snapshot();
    }
  }

  private boolean present(String syncId) {
    return cache()
        .find(syncId)
        .map(
            l -> {
              l.close();
              return true;
            })
        .orElse(false);
  }

  @Test
  void leastRecentlyUsedGoesBeyondCapacityAndItsFilesWithIt() throws IOException {
    SyncSnapshot a = request("A");
    SyncSnapshot b = request("B");
    assertEquals(2, snapshotDirs());
    assertSame(a, request("A")); // A is now the most recently used
    request("C");
    assertFalse(present("B"), "B was least recently used");
    assertTrue(present("A"));
    assertTrue(present("C"));
    assertEquals(2, snapshotDirs(), "B's database was deleted");
    assertNotEquals(a.generation(), b.generation());
  }

  @Test
  void idleSnapshotsExpireAndCleanupDropsThem() throws IOException {
    SyncSnapshot a = request("A");
    clock.advance(Duration.ofMinutes(31));
    cache().expireIdle();
    assertEquals(0, snapshotDirs(), "the sweep deletes an expired snapshot's files");
    assertFalse(present("A"));
    SyncSnapshot again = request("A");
    assertNotEquals(a.generation(), again.generation(), "a new generation under the same key");
    assertEquals(1, cache().drop("A"));
    assertFalse(present("A"));
    assertEquals(0, cache().drop("A"));
    assertEquals(0, snapshotDirs());
  }

  @Test
  void aTokenOfADroppedGenerationIsAbortedEvenWhenItsKeyHasANewSnapshot() {
    SyncSnapshot first = request("A");
    PageToken token = new PageToken("resources/user", 7, 1, first.key(), first.generation());
    try (SnapshotCache.Lease l = cache().forToken(token)) {
      assertSame(first, l.snapshot());
    }
    cache().drop("A");
    request("A");
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> cache().forToken(token));
    assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
    assertTrue(
        e.getStatus().getDescription().contains("start the sync again"),
        e.getStatus().getDescription());
  }

  @Test
  void aSnapshotInUseIsDeletedWhenItsLastRequestEnds() throws IOException {
    SnapshotCache.Lease busy = cache().forRequest("A");
    assertEquals(1, cache().drop("A"));
    assertEquals(1, snapshotDirs(), "still read by a request");
    assertTrue(
        busy.snapshot().resource(Ids.resourceId("user", "x")).isEmpty(),
        "the request can still read it");
    busy.close();
    assertEquals(0, snapshotDirs());
    busy.close(); // twice is harmless
  }

  @Test
  void requestsWithoutSyncIdShareAYoungAnonymousSnapshot() {
    SyncSnapshot first = request("");
    assertTrue(SnapshotCache.isAnonymousKey(first.key()));
    clock.advance(Duration.ofMinutes(5));
    assertSame(first, request(""));
    clock.advance(Duration.ofMinutes(6));
    SyncSnapshot second = request("");
    assertNotEquals(first.key(), second.key(), "too old to join: a new one starts");
    // A page token keeps a walk on the snapshot it started with.
    PageToken token = new PageToken("resources/user", 3, 1, first.key(), first.generation());
    try (SnapshotCache.Lease l = cache().forToken(token)) {
      assertSame(first, l.snapshot());
    }
    request("A");
    assertEquals(1, cache().drop(""), "capacity 2 left one anonymous snapshot; Cleanup drops it");
    assertTrue(present("A"), "Cleanup without id keeps synced ones");
  }

  @Test
  void databasesArePrivateAndShutdownDeletesThemAll() throws IOException {
    request("A");
    request("B");
    try (Stream<Path> dirs = Files.list(dir)) {
      for (Path d : dirs.toList()) {
        assertTrue(d.getFileName().toString().startsWith(SnapshotStore.DIR_PREFIX));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(d.resolve(SnapshotStore.DB_FILE))));
      }
    }
    cache().close();
    assertEquals(0, snapshotDirs());
    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> cache().forRequest("A"));
    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
  }

  private long snapshotDirs() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  static final class MutableClock extends Clock {
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
