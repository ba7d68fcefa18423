package dev.batoncf.server;

import static dev.batoncf.server.ListingContractTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import dev.batoncf.simulator.Seeds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page token names its snapshot's generation: once that snapshot is gone (Cleanup, eviction, idle
 * expiry, a restart) the token is ABORTED, never served from a newer snapshot at the same cursor;
 * tokens cannot be moved to another sync.
 */
class SnapshotGenerationTest {
  static final String SYNC = "2pXbTqL0cVYmUWhHGxk3bFzJrGa";
  static final String OTHER = "2pXbTqL0cVYmUWhHGxk3bFzJrGb";

  @TempDir Path dir;

  @Test
  void aReplayedTokenOnALiveSnapshotReturnsTheSamePageWithoutRequests() {
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      String token = stub.listResources(roles(SYNC, "")).getNextPageToken();
      int before = f.sim.requests().total();
      ResourcesServiceListResourcesResponse a = stub.listResources(roles(SYNC, token));
      ResourcesServiceListResourcesResponse b = stub.listResources(roles(SYNC, token));
      assertEquals(a, b, "Baton may replay a checkpointed token");
      assertEquals(5, a.getListCount());
      assertEquals(before, f.sim.requests().total());
    }
  }

  @Test
  void aTokenOutlivingCleanupIsAbortedAndANewWalkStartsAfresh() {
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      String token = stub.listResources(roles(SYNC, "")).getNextPageToken();
      ConnectorServiceGrpc.newBlockingStub(f.channel())
          .cleanup(ConnectorServiceCleanupRequest.newBuilder().setActiveSyncId(SYNC).build());
      // The same sync id starts a new snapshot, but the old token must not page through it.
      assertEquals(5, stub.listResources(roles(SYNC, "")).getListCount());
      int before = f.sim.requests().total();
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> stub.listResources(roles(SYNC, token)));
      assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
      assertTrue(
          e.getStatus().getDescription().contains("start the sync again"),
          e.getStatus().getDescription());
      assertEquals(before, f.sim.requests().total(), "refused before any Cloudflare request");
    }
  }

  @Test
  void aTokenOfAnEvictedSnapshotIsAborted() {
    ServerOptions one = ServerOptions.defaults().withSnapshots(1, Duration.ofMinutes(30));
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), one)) {
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      String token = stub.listResources(roles(SYNC, "")).getNextPageToken();
      stub.listResources(roles(OTHER, "")); // capacity 1: evicts SYNC's snapshot
      assertCode(Status.Code.ABORTED, () -> stub.listResources(roles(SYNC, token)));
    }
  }

  @Test
  void aTokenOfAnExpiredSnapshotIsAborted() throws InterruptedException {
    ServerOptions shortLived = ServerOptions.defaults().withSnapshots(4, Duration.ofMillis(300));
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), shortLived)) {
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      String token = stub.listResources(roles(SYNC, "")).getNextPageToken();
      Thread.sleep(600);
      assertCode(Status.Code.ABORTED, () -> stub.listResources(roles(SYNC, token)));
    }
  }

  @Test
  void aTokenFromBeforeARestartIsAborted() {
    String token;
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      token =
          ResourcesServiceGrpc.newBlockingStub(f.channel())
              .listResources(roles(SYNC, ""))
              .getNextPageToken();
    }
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ResourcesServiceGrpc.newBlockingStub(f.channel())
                      .listResources(roles(SYNC, token)));
      assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
      assertTrue(
          e.getStatus().getDescription().contains("earlier run of this server"),
          e.getStatus().getDescription());
      assertEquals(0, f.sim.requests().total());
    }
  }

  @Test
  void aTokenCannotBeMovedToAnotherSync() {
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      var stub = ResourcesServiceGrpc.newBlockingStub(f.channel());
      String token = stub.listResources(roles(SYNC, "")).getNextPageToken();
      assertFalse(stub.listResources(roles(OTHER, "")).getNextPageToken().isEmpty());
      assertCode(Status.Code.INVALID_ARGUMENT, () -> stub.listResources(roles(OTHER, token)));
      assertCode(Status.Code.INVALID_ARGUMENT, () -> stub.listResources(roles("", token)));
    }
  }

  @Test
  void shutdownDeletesOpenSnapshotsAndStartDeletesWhatAKilledServerLeft() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path killed = Files.createDirectory(dir.resolve(SnapshotStore.DIR_PREFIX + gone.pid() + "-1"));
    Files.writeString(killed.resolve(SnapshotStore.DB_FILE), "left by kill -9");
    Path live =
        Files.createDirectory(
            dir.resolve(SnapshotStore.DIR_PREFIX + ProcessHandle.current().pid() + "-2"));
    Path foreign = Files.createDirectory(dir.resolve(SnapshotStore.DIR_PREFIX + "notours"));
    try (ServerFixture f =
        ServerFixture.start(Seeds.demo(), ServerOptions.defaults().withTempDir(dir))) {
      assertFalse(Files.exists(killed), "its owner is dead: deleted at start");
      assertTrue(Files.isDirectory(live), "a live process's snapshot is kept");
      assertTrue(Files.isDirectory(foreign), "a name we did not give is kept");
      ResourcesServiceGrpc.newBlockingStub(f.channel()).listResources(roles(SYNC, ""));
      assertEquals(3, snapshotDirs(), "the new snapshot is on disk");
    }
    assertEquals(2, snapshotDirs(), "shutdown deleted the open snapshot");
  }

  private long snapshotDirs() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  private static ResourcesServiceListResourcesRequest roles(String sync, String token) {
    return ResourcesServiceListResourcesRequest.newBuilder()
        .setResourceTypeId("role")
        .setPageSize(5)
        .setPageToken(token)
        .setActiveSyncId(sync)
        .build();
  }
}
