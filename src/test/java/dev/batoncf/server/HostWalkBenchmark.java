package dev.batoncf.server;

import dev.batoncf.bench.ChildJvm;
import dev.batoncf.bench.SyncBenchmark;
import dev.batoncf.bench.SyncBenchmark.Limits;
import dev.batoncf.bench.SyncBenchmark.Run;
import dev.batoncf.bench.SyncBenchmark.Setup;
import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.SimAccount;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The host-walk half of {@link SyncBenchmark}: {@code serve} in a child JVM ({@link ChildJvm}),
 * walked over gRPC the way Baton's syncer does ({@link HostWalker}, one {@code active_sync_id},
 * rows counted, not kept), then Cleanup. Here because the walker and the snapshot store's directory
 * names are this package's.
 */
public final class HostWalkBenchmark {
  static final String SYNC_ID = "2pXbTqL0cVYmUWhHGxk3bFzJrBb";

  /** How a JVM that was asked to stop by SIGTERM exits (128 + 15): the walk's normal end. */
  private static final int SIGTERM_EXIT = 143;

  private HostWalkBenchmark() {}

  /**
   * One walk; the row's output is the snapshot database's size before Cleanup, and the walk fails
   * if Cleanup leaves it on disk or if any Cloudflare page was read twice.
   */
  public static Run walk(String name, SimAccount account, Setup setup, Limits limits)
      throws Exception {
    int minimum = SyncBenchmark.minimumRequests(account);
    Path dir = Files.createTempDirectory("walk-bench");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path stderr = dir.resolve("serve.log");
    try (CfSimulator sim = CfSimulator.start(account)) {
      sim.faults().latency(Duration.ofMillis(setup.latencyMs()));
      limits.apply(sim);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "serve",
                  "--listen",
                  "127.0.0.1:0",
                  "--account-id",
                  account.id(),
                  "--base-url",
                  sim.baseUrl(),
                  "--zero-trust",
                  "true",
                  "--log-level",
                  "warn"));
      args.addAll(limits.flags());
      System.out.printf("host walk over gRPC, %s...%n", name);
      Process p =
          ChildJvm.cli(setup.jar(), setup.xmx(), List.of("-Djava.io.tmpdir=" + tmp), args, stderr)
              .start();
      ManagedChannel ch = null;
      try {
        int port = ServeProcessTest.awaitPort(p);
        ch =
            Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 << 20)
                .build();
        long start = System.nanoTime();
        HostWalker.Walk w = new HostWalker(ch, SYNC_ID, setup.pageSize(), false, false).walk();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        HostWalkTest.assertNoPageReadTwice(sim.requests());
        long snapshot = snapshotBytes(tmp);
        ConnectorServiceGrpc.newBlockingStub(ch)
            .cleanup(ConnectorServiceCleanupRequest.newBuilder().setActiveSyncId(SYNC_ID).build());
        if (snapshotBytes(tmp) != 0) {
          throw new IllegalStateException("Cleanup left the snapshot database on disk");
        }
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("serve did not stop on SIGTERM");
        }
        int requests = sim.requests().total();
        System.out.println(
            "  walk: "
                + w.rpcs()
                + " RPCs; requests by endpoint: "
                + sim.requests().countsByEndpoint());
        long rows = w.counts().resources() + w.counts().entitlements() + w.counts().grants();
        long localMs = wallMs - (long) requests * setup.latencyMs();
        long rate = limits == Limits.UNBOUND && localMs > 0 ? rows * 1000 / localMs : -1;
        return new Run(
            name,
            "gRPC walk",
            requests,
            minimum,
            SyncBenchmark.throttled(sim),
            wallMs,
            limits.floorMs(requests),
            rows,
            rate,
            ChildJvm.stats(Files.readString(stderr, StandardCharsets.UTF_8)),
            snapshot,
            p.exitValue() == SIGTERM_EXIT ? 0 : p.exitValue());
      } finally {
        ServeProcessTest.release(ch, p);
      }
    } finally {
      ChildJvm.deleteTree(dir);
    }
  }

  /** Bytes in the server's snapshot directories (its temp directory also holds SQLite's lib). */
  static long snapshotBytes(Path tmp) throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getParent().getFileName().toString().startsWith(SnapshotStore.DIR_PREFIX))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }
}
