package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaled-down memory check (the 100k-member run with {@code -Xmx256m} is the benchmark): a host
 * walk of a 3,000-member account leaves its rows in the snapshot's database, not on the server's
 * heap. With the walk's snapshot still open, the heap retains less than 100 bytes per row served,
 * where one row as a message takes well over that (a user with its profile is about 1 KB), while
 * the database holds more than 100 bytes per row. Cleanup deletes it.
 */
class SnapshotMemoryTest {
  static final String SYNC = "2pXbTqL0cVYmUWhHGxk3bFzJrMm";

  @TempDir Path dir;

  @Test
  void aWalksRowsStayOnDiskNotOnTheHeap() throws Exception {
    SimAccount account = Seeds.generated(Seeds.Scale.ofMembers(3_000), 42);
    try (ServerFixture f =
        ServerFixture.start(account, ServerOptions.defaults().withTempDir(dir))) {
      ManagedChannel ch = f.channel();
      // Warm-up on another sync: classes, pools and caches are loaded before the baseline.
      new HostWalker(ch, "warm-up", 100, true, false).walk();
      assertEquals(0, databaseBytes(), "Cleanup deleted the warm-up's snapshot");
      long base = usedHeapAfterGc();

      HostWalker.Walk walk = new HostWalker(ch, SYNC, 100, false, false).walk();
      long retained = usedHeapAfterGc() - base;
      long rows = walk.counts().resources() + walk.counts().entitlements() + walk.counts().grants();
      long onDisk = databaseBytes();
      System.out.printf(
          "[3,000 members] %d rows served in %d RPCs; heap retained %d KB "
              + "(%d B/row); snapshot database %d KB%n",
          rows, walk.rpcs(), retained / 1024, retained / rows, onDisk / 1024);
      assertTrue(walk.counts().resources() > 3_000, "users, invitations, roles, tokens...");
      assertTrue(onDisk > rows * 100, "the rows are in the database: " + onDisk + " bytes");
      assertTrue(
          retained < rows * 100, "heap retained " + retained + " bytes for " + rows + " rows");
      assertEquals(1, f.server.snapshotCount());

      ConnectorServiceGrpc.newBlockingStub(ch)
          .cleanup(ConnectorServiceCleanupRequest.newBuilder().setActiveSyncId(SYNC).build());
      assertEquals(0, databaseBytes(), "Cleanup deletes the database");
      assertEquals(0, f.server.snapshotCount());
    }
  }

  private long databaseBytes() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Live heap: the lowest use seen over a few full collections. */
  static long usedHeapAfterGc() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return best;
  }
}
