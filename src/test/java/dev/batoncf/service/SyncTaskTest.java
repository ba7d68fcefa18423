package dev.batoncf.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.Code;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.Counts;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceFinishTaskRequest;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.SimSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full sync tasks in service mode: the c1z the host receives (format, rows, chunks, checksum), an
 * upload retried after a failed attempt, and a sync the host cancels.
 */
class SyncTaskTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void syncTaskUploadsAV1C1zInChunksWithItsSha256() throws Exception {
    Path temp = tmp("sync-temp");
    try (ServiceHarness h = ServiceHarness.demo(temp)) {
      Path cli = dir.resolve("cli.c1z");
      SimSync.sync(h.sim, SimSync.demoToken(), cli, true);
      h.run(false);
      // pebble asked: still a v1 file, which Baton's readers recognise by its magic bytes
      Task task =
          Tasks.sync(
              Task.SyncFullTask.newBuilder()
                  .setStorageEngine("pebble")
                  .setSkipExpandGrants(true)
                  .build());
      h.host.enqueue(task);
      BatonServiceFinishTaskRequest finish = h.host.awaitFinish(task.getId(), WAIT);
      assertTrue(finish.hasSuccess(), finish.toString());
      assertFalse(finish.hasStatus());

      FakeBatonHost.Upload up = h.host.uploads().get(0);
      assertEquals(task.getId(), up.taskId());
      assertEquals(ServiceHarness.HOST_ID, up.hostId());
      assertTrue(up.complete());
      assertArrayEquals(FakeBatonHost.sha256(up.data()), up.sha256());
      assertEquals(
          "C1ZF\0", new String(up.data(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
      Path got = dir.resolve("uploaded.c1z");
      Files.write(got, up.data());
      try (C1zReader uploaded = C1zReader.open(got);
          C1zReader expected = C1zReader.open(cli)) {
        Counts c = uploaded.counts();
        assertEquals(expected.counts().resourcesByType(), c.resourcesByType());
        assertEquals(expected.counts().entitlements(), c.entitlements());
        assertEquals(expected.counts().grants(), c.grants());
        assertEquals(
            23,
            c.resourcesByType().get(ResourceTypes.USER_ID)
                + c.resourcesByType().get(ResourceTypes.INVITATION_ID));
      }
      assertTrue(h.host.heartbeatsOf(task.getId()) >= 1, "the sync sent its first heartbeat");
      assertEquals(List.of(), ServiceHarness.list(temp), "the temporary sync file is gone");
      h.awaitStatus(st -> st.finished() == 1, "one finished task");
      ServiceStatus.LastTask last = h.service().status().lastTask();
      assertEquals(task.getId(), last.id());
      assertEquals("sync_full", last.type());
      assertEquals("ok", last.result());
    }
  }

  @Test
  void aLargerSyncArrivesInChunksOfAtMost512KiB() throws Exception {
    try (ServiceHarness h =
        new ServiceHarness(Seeds.generated(Seeds.Scale.ofMembers(2500), 7), tmp("t"))) {
      h.run(false);
      Task task = Tasks.sync();
      h.host.enqueue(task);
      assertTrue(h.host.awaitFinish(task.getId(), Duration.ofSeconds(90)).hasSuccess());
      FakeBatonHost.Upload up = h.host.uploads().get(0);
      List<Integer> sizes = up.chunkSizes();
      assertTrue(sizes.size() >= 2, "several chunks: " + sizes);
      for (int i = 0; i < sizes.size() - 1; i++) {
        assertEquals(AssetUpload.CHUNK_BYTES, sizes.get(i), "chunk " + i);
      }
      assertTrue(sizes.get(sizes.size() - 1) <= AssetUpload.CHUNK_BYTES);
      assertEquals(up.data().length, sizes.stream().mapToInt(Integer::intValue).sum());
      assertArrayEquals(FakeBatonHost.sha256(up.data()), up.sha256());
      Path got = dir.resolve("big.c1z");
      Files.write(got, up.data());
      try (C1zReader r = C1zReader.open(got)) {
        assertEquals(
            2500,
            r.counts().resourcesByType().get(ResourceTypes.USER_ID)
                + r.counts().resourcesByType().get(ResourceTypes.INVITATION_ID));
      }
    }
  }

  @Test
  void aHeartbeatCancellationStopsTheSyncAndTheNextTaskStillRuns() throws Exception {
    Path temp = tmp("cancel-temp");
    try (ServiceHarness h = ServiceHarness.demo(temp)) {
      h.sim.faults().latency(Duration.ofMillis(400)); // a sync of ~10 pages takes ~4 s
      h.run(true);
      Task sync = Tasks.sync();
      h.host.enqueue(sync);
      h.host.awaitTrue(x -> x.heartbeatsOf(sync.getId()) >= 1, WAIT, "the first heartbeat");
      int requestsAtCancel = h.sim.requests().total();
      h.host.cancel(sync.getId());
      BatonServiceFinishTaskRequest f = h.host.awaitFinish(sync.getId(), WAIT);
      assertEquals(Code.CANCELLED_VALUE, f.getStatus().getCode(), f.toString());
      assertFalse(f.getError().getNonRetryable(), "a cancelled task may be scheduled again");
      assertEquals("the task was stopped: the host cancelled the task", f.getStatus().getMessage());
      assertTrue(h.host.uploads().isEmpty(), "nothing uploaded");
      assertTrue(
          h.sim.requests().total() <= requestsAtCancel + 3, "the sync stopped at its next page");
      assertEquals(List.of(), ServiceHarness.list(temp), "no file left behind");

      h.sim.faults().latency(Duration.ZERO);
      var grant =
          h.finish(
              Tasks.grant(
                  Tasks.roleEntitlement(Seeds.ROLE_DNS),
                  Tasks.user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE)));
      assertTrue(grant.hasSuccess(), "the next task runs");
      assertTrue(h.roles(Seeds.DEMO_MEMBER_ZOE).contains(Seeds.ROLE_DNS));
    }
  }

  @Test
  void aFailedUploadAttemptIsRetried() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      h.host.failUploads(1);
      h.run(false);
      Task task = Tasks.sync();
      h.host.enqueue(task);
      assertTrue(h.host.awaitFinish(task.getId(), WAIT).hasSuccess());
      List<FakeBatonHost.Upload> ups = h.host.uploads();
      assertEquals(2, ups.size(), "one failed attempt, then the upload");
      assertFalse(ups.get(0).complete());
      assertTrue(ups.get(1).complete());
      assertEquals(task.getId(), ups.get(1).taskId());
      assertArrayEquals(FakeBatonHost.sha256(ups.get(1).data()), ups.get(1).sha256());
    }
  }

  @Test
  void aTargetedSyncTaskUploadsAPartialSyncOfItsResourcesOnly() throws Exception {
    try (ServiceHarness h = ServiceHarness.demo(tmp("t"))) {
      Path cli = dir.resolve("cli.c1z");
      SimSync.sync(h.sim, SimSync.demoToken(), cli, true);
      h.run(false);
      // Baton's SyncFullTask fields 4 (targeted_sync_resources) and 5 (sync_resource_type_ids)
      Task task =
          Tasks.sync(
              Task.SyncFullTask.newBuilder()
                  .addTargetedSyncResources(
                      Resource.newBuilder()
                          .setId(Ids.resourceId(ResourceTypes.ROLE_ID, Seeds.ROLE_DNS)))
                  .addTargetedSyncResources(
                      Resource.newBuilder()
                          .setId(Ids.resourceId(ResourceTypes.USER_ID, Seeds.DEMO_USER_ZOE)))
                  .addSyncResourceTypeIds(ResourceTypes.ROLE_ID)
                  .build());
      h.host.enqueue(task);
      BatonServiceFinishTaskRequest finish = h.host.awaitFinish(task.getId(), WAIT);
      assertTrue(finish.hasSuccess(), finish.toString());
      Path got = dir.resolve("targeted.c1z");
      Files.write(got, h.host.uploads().get(0).data());
      Set<String> expected = new TreeSet<>();
      SimSync.grants(cli, ResourceTypes.ROLE_ID).stream()
          .map(Grant::getId)
          .filter(id -> id.startsWith("role:" + Seeds.ROLE_DNS + ":"))
          .forEach(expected::add);
      assertFalse(expected.isEmpty());
      Set<String> grants = new TreeSet<>();
      SimSync.grants(got, null).stream().map(Grant::getId).forEach(grants::add);
      assertEquals(expected, grants);
      try (C1zReader r = C1zReader.open(got)) {
        assertEquals("partial", r.sync().syncType());
        // the user target is dropped: the type filter names only roles, as in Baton
        assertEquals(java.util.Map.of(ResourceTypes.ROLE_ID, 1L), r.counts().resourcesByType());
        assertEquals(1, r.counts().entitlements());
      }
    }
  }

  // --- helpers

  private Path tmp(String name) throws IOException {
    return Files.createDirectories(dir.resolve(name));
  }
}
