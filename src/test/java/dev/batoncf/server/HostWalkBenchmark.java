package dev.batoncf.server;

import dev.batoncf.bench.SyncBenchmark;
import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Baton-like host walk over gRPC of simulated accounts of growing size, against {@code serve}
 * in a child JVM limited to {@code -Xmx256m}, next to the CLI sync of the same account (also a
 * child JVM, {@link SyncBenchmark#run}). Prints Cloudflare requests of both, the walk's RPCs and
 * wall time, the server's peak heap and peak RSS, and the snapshot database's size on disk
 * before Cleanup (and that Cleanup deleted it). Not a test:
 *
 * <pre>
 * mvn -B -Pbench verify -DskipTests -Dbench.main=dev.batoncf.server.HostWalkBenchmark
 * mvn -B -Pbench verify -DskipTests -Dbench.main=dev.batoncf.server.HostWalkBenchmark \
 *     -Dbench.args="--members 1000,10000 --page-size 100"
 * </pre>
 *
 * <p>Arguments: {@code --jar PATH} (the fat jar, for the CLI sync), {@code --members
 * 1000,10000,100000}, {@code --latency-ms 5}, {@code --xmx 256m}, {@code --page-size 100}
 * (what the host asks for; 100 is also the server's default).
 */
public final class HostWalkBenchmark {
  static final String SYNC_ID = "2pXbTqL0cVYmUWhHGxk3bFzJrBb";
  private static final Pattern PEAK =
      Pattern.compile(Pattern.quote(ServeWithStats.STATS_PREFIX) + "(\\d+)");

  record Walked(int requests, Map<String, Integer> byEndpoint, int rpcs, long wallMs,
                long rows, long peakHeapMb, long peakRssMb, long snapshotBytes,
                boolean deletedOnCleanup) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = SyncBenchmark.parse(args);
    Path jar = Path.of(opts.getOrDefault("jar", "target/baton-cloudflare.jar"));
    int latency = Integer.parseInt(opts.getOrDefault("latency-ms", "5"));
    String xmx = opts.getOrDefault("xmx", "256m");
    int pageSize = Integer.parseInt(opts.getOrDefault("page-size", "100"));
    List<String> lines = new ArrayList<>();
    for (String m : opts.getOrDefault("members", "1000,10000,100000").split(",")) {
      int members = Integer.parseInt(m.trim());
      SimAccount account = Seeds.generated(new Seeds.Scale(members, 60, 10, 0, 0), 42);
      SyncBenchmark.Run cli = SyncBenchmark.run("CLI sync, members=" + members, account, jar,
          latency, xmx, false, SyncBenchmark.Limits.UNBOUND);
      System.out.printf("host walk over gRPC, members=%d...%n", members);
      Walked w = walk(account, latency, xmx, pageSize);
      System.out.println("  walk requests by endpoint: " + w.byEndpoint());
      lines.add(String.format("%-9d %6d %6d %7d %8.1f %8.1f %10d %8d MB %7d MB %8.1f MB %s",
          members, cli.requests(), w.requests(), w.rpcs(), cli.wallMs() / 1000.0,
          w.wallMs() / 1000.0, w.rows(), w.peakHeapMb(), w.peakRssMb(),
          w.snapshotBytes() / 1048576.0, w.deletedOnCleanup() ? "yes" : "NO"));
    }
    System.out.println();
    System.out.printf("host walk over gRPC, page_size %d, %d ms simulated latency, server -Xmx%s%n",
        pageSize, latency, xmx);
    System.out.printf("%-9s %6s %6s %7s %8s %8s %10s %11s %10s %11s %s%n", "members", "CLI",
        "walk", "RPCs", "CLI s", "walk s", "rows", "peak heap", "peak RSS", "snapshot",
        "deleted on Cleanup");
    lines.forEach(System.out::println);
  }

  static Walked walk(SimAccount account, int latencyMs, String xmx, int pageSize)
      throws Exception {
    Path dir = Files.createTempDirectory("walk-bench");
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path stderr = dir.resolve("serve.log");
    try (CfSimulator sim = CfSimulator.start(account)) {
      sim.faults().latency(Duration.ofMillis(latencyMs));
      sim.faults().budget(1_000_000, Duration.ofMinutes(5));
      ProcessBuilder pb = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + xmx, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
          ServeWithStats.class.getName(), "serve", "--listen", "127.0.0.1:0",
          "--account-id", account.id(), "--base-url", sim.baseUrl(), "--zero-trust", "false",
          "--rate-limit-requests", "1000000", "--rate-limit-window-seconds", "300",
          "--log-level", "warn"))
          .redirectError(stderr.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
      pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
      Process p = pb.start();
      ManagedChannel ch = null;
      try {
        int port = ServeProcessTest.awaitPort(p);
        ch = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
            InsecureChannelCredentials.create()).maxInboundMessageSize(64 << 20).build();
        long start = System.nanoTime();
        HostWalker.Walk w = new HostWalker(ch, SYNC_ID, pageSize, false, false).walk();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        HostWalkTest.assertNoPageReadTwice(sim.requests());
        long snapshot = snapshotBytes(tmp);
        long rss = peakRssMb(p.pid());
        ConnectorServiceGrpc.newBlockingStub(ch).cleanup(ConnectorServiceCleanupRequest
            .newBuilder().setActiveSyncId(SYNC_ID).build());
        boolean deleted = snapshotBytes(tmp) == 0;
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("serve did not stop on SIGTERM");
        }
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        Matcher m = PEAK.matcher(log);
        long heap = m.find() ? Long.parseLong(m.group(1)) : -1;
        long rows = w.counts().resources() + w.counts().entitlements() + w.counts().grants();
        return new Walked(sim.requests().total(), new TreeMap<>(sim.requests().countsByEndpoint()),
            w.rpcs(), wallMs, rows, heap, rss, snapshot, deleted);
      } finally {
        if (ch != null) {
          ch.shutdownNow();
        }
        if (p.isAlive()) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      deleteTree(dir);
    }
  }

  /** Bytes in the server's snapshot directories (its temp directory also holds SQLite's lib). */
  static long snapshotBytes(Path tmp) throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.getParent().getFileName().toString()
              .startsWith(SnapshotStore.DIR_PREFIX))
          .mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** The process's peak resident set (VmHWM), Linux only; -1 elsewhere. */
  static long peakRssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private HostWalkBenchmark() {}
}
