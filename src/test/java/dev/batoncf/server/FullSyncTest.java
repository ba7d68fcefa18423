package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.pb.cloudflare.v1.FullSyncDone;
import dev.batoncf.pb.cloudflare.v1.FullSyncRequest;
import dev.batoncf.pb.cloudflare.v1.FullSyncResponse;
import dev.batoncf.pb.cloudflare.v1.SyncServiceGrpc;
import dev.batoncf.simulator.Seeds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baton.cloudflare.v1.SyncService/FullSync: the streamed c1z is the CLI's sync, intact. */
class FullSyncTest {
  @TempDir Path dir;

  @Test
  void aScopedRequestStreamsOnlyThatScopeAndABadOneIsRefusedBeforeAnyRequest() throws Exception {
    try (ServerFixture f =
        ServerFixture.start(Seeds.demo(), ServerOptions.defaults().withTempDir(work()))) {
      Iterator<FullSyncResponse> stream =
          SyncServiceGrpc.newBlockingStub(f.channel())
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .fullSync(
                  FullSyncRequest.newBuilder()
                      .addSyncResources("role:" + Seeds.ROLE_DNS)
                      .setSkipGrants(true)
                      .build());
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      while (stream.hasNext()) {
        FullSyncResponse r = stream.next();
        if (r.hasChunk()) {
          r.getChunk().writeTo(file);
        }
      }
      Path received = dir.resolve("scoped.c1z");
      Files.write(received, file.toByteArray());
      try (C1zReader r = C1zReader.open(received)) {
        assertEquals("partial", r.sync().syncType());
        assertEquals(1, r.counts().resources());
        assertEquals(1, r.counts().entitlements());
        assertEquals(0, r.counts().grants());
      }
      int before = f.sim.requests().total();
      io.grpc.StatusRuntimeException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.grpc.StatusRuntimeException.class,
              () ->
                  SyncServiceGrpc.newBlockingStub(f.channel())
                      .fullSync(FullSyncRequest.newBuilder().setSkipGrants(true).build())
                      .hasNext());
      assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
      assertEquals(
          "--skip-grants needs --sync-resources (Baton skips grants only in a " + "targeted sync)",
          e.getStatus().getDescription());
      assertEquals(before, f.sim.requests().total());
      assertNoTempFilesLeft();
    }
  }

  @Test
  void streamsTheC1zInChunksWithItsDigestAndItMatchesTheCliSync() throws Exception {
    int chunk = 8 * 1024;
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.generated(Seeds.Scale.ofMembers(300), 7),
            ServerOptions.defaults().withStreamChunkBytes(chunk).withTempDir(work()))) {
      ServerFixture.CliSync cli = f.cliSync(dir);
      int cliRequests = f.sim.requests().total();
      f.sim.requests().reset();

      Iterator<FullSyncResponse> stream =
          SyncServiceGrpc.newBlockingStub(f.channel())
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .fullSync(FullSyncRequest.getDefaultInstance());
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      FullSyncDone done = null;
      int chunks = 0;
      while (stream.hasNext()) {
        FullSyncResponse r = stream.next();
        if (r.hasChunk()) {
          assertEquals(null, done, "no chunk after the final message");
          assertTrue(r.getChunk().size() > 0 && r.getChunk().size() <= chunk);
          r.getChunk().writeTo(file);
          chunks++;
        } else {
          done = r.getDone();
        }
      }
      byte[] bytes = file.toByteArray();
      assertTrue(chunks > 2, "a file of " + bytes.length + " bytes in " + chunks + " chunks");
      assertEquals(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
          done.getSha256());
      assertEquals(bytes.length, done.getSizeBytes());
      assertEquals(cliRequests, done.getCloudflareRequests());
      assertEquals(cliRequests, f.sim.requests().total());

      Path received = dir.resolve("received.c1z");
      Files.write(received, bytes);
      ServerFixture.CliSync streamed = ServerFixture.read(null, received);
      try (C1zReader r = C1zReader.open(received)) {
        assertEquals(done.getSyncId(), r.sync().syncId());
        assertEquals(done.getResources(), r.counts().resources());
        assertEquals(done.getGrants(), r.counts().grants());
      }
      assertEquals(
          HostWalkTest.byKey(cli.types(), t -> t.getId()),
          HostWalkTest.byKey(streamed.types(), t -> t.getId()));
      assertEquals(
          HostWalkTest.byKey(cli.resources(), FullSyncTest::key),
          HostWalkTest.byKey(streamed.resources(), FullSyncTest::key));
      assertEquals(
          HostWalkTest.byKey(cli.entitlements(), e -> e.getId()),
          HostWalkTest.byKey(streamed.entitlements(), e -> e.getId()));
      assertEquals(
          HostWalkTest.byKey(cli.grants(), g -> g.getId()),
          HostWalkTest.byKey(streamed.grants(), g -> g.getId()));
      assertNoTempFilesLeft();
    }
  }

  @Test
  void aFailedSyncEndsTheStreamWithTheMappedError() throws IOException {
    try (ServerFixture f =
        ServerFixture.start(Seeds.demo(), ServerOptions.defaults().withTempDir(work()))) {
      f.sim.account().denyPermission("members");
      Iterator<FullSyncResponse> stream =
          SyncServiceGrpc.newBlockingStub(f.channel())
              .fullSync(FullSyncRequest.getDefaultInstance());
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class, stream::hasNext);
      assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
      assertNoTempFilesLeft();
    }
  }

  @Test
  void chunksAreNeverLargerThanOneMebibyte() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerOptions.defaults().withStreamChunkBytes(1024 * 1024 + 1));
    assertEquals(1024 * 1024, ServerOptions.defaults().streamChunkBytes());
  }

  private static String key(dev.batoncf.pb.connector.v2.Resource r) {
    return r.getId().getResourceType() + ":" + r.getId().getResource();
  }

  private Path work() throws IOException {
    return Files.createDirectories(dir.resolve("server-tmp"));
  }

  /** The server deletes its temporary sync directory once the stream ends. */
  private void assertNoTempFilesLeft() throws IOException {
    try (var entries = Files.list(work())) {
      assertEquals(0, entries.count(), "temporary files left by the server");
    }
  }
}
