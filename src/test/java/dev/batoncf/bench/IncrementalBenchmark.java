package dev.batoncf.bench;

import dev.batoncf.simulator.AdminConsole;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.simulator.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A full sync of a large account with the real CLI in a child JVM, then 10 logged changes, then
 * {@code --incremental}: requests against the bound "audit-log pages + changed items + always-read
 * lists + 2", wall time and local rows/s of rewriting the file. Run with {@code mvn -Pbench verify
 * -DskipTests -Dbench.main=dev.batoncf.bench.IncrementalBenchmark}.
 *
 * <p>Arguments: {@code --jar PATH}, {@code --members 100000}, {@code --latency-ms 5}, {@code --xmx
 * 256m}.
 */
public final class IncrementalBenchmark {
  private static final Pattern STATS =
      Pattern.compile(
          "rows=(\\d+) requests=(\\d+) elapsed_ms=(\\d+) http_ms=(\\d+) local_ms=(\\d+) "
              + "local_rows_per_s=(\\d+) peak_heap_mb=(\\d+)");

  record Run(
      int requests,
      long wallMs,
      long rows,
      long localMs,
      long localRowsPerS,
      long peakHeapMb,
      String line) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = SyncBenchmark.parse(args);
    Path jar = Path.of(opts.getOrDefault("jar", "target/baton-cloudflare.jar"));
    int members = Integer.parseInt(opts.getOrDefault("members", "100000"));
    int latency = Integer.parseInt(opts.getOrDefault("latency-ms", "5"));
    String xmx = opts.getOrDefault("xmx", "256m");
    SimAccount account = Seeds.generated(new Seeds.Scale(members, 60, 10, 0, 0), 42);
    Path dir = Files.createTempDirectory("bench-incr");
    Path out = dir.resolve("bench.c1z");
    try (CfSimulator sim = CfSimulator.start(account)) {
      sim.faults().latency(Duration.ofMillis(latency));
      // far above any run, so the rate-limit headers stay truthful and never hold the connector
      sim.faults()
          .budget(
              SyncBenchmark.Limits.UNBOUND.simRequests(), SyncBenchmark.Limits.UNBOUND.simWindow());
      Run full = cli(sim, jar, xmx, out, dir, "full");
      Set<String> changed = changes(sim.account());
      Run incremental = cli(sim, jar, xmx, out, dir, "incremental");
      int pending =
          (int)
              sim.account().members().stream()
                  .filter(m -> m.status().equals(Wire.STATUS_PENDING))
                  .count();
      int auditPages = SyncBenchmark.pages(sim.account().audit().size(), 1000);
      int alwaysRead =
          SyncBenchmark.pages(sim.account().listedRoles().size(), 50)
              + SyncBenchmark.pages(pending, 50)
              + 1 // resource groups
              + SyncBenchmark.pages(sim.account().userGroups().all().size(), 500);
      int bound = auditPages + changed.size() + alwaysRead + 2;
      System.out.println();
      System.out.printf(
          "members=%d, %d changes (%d members), load average before: %s%n",
          members, 10, changed.size(), loadAverage());
      System.out.printf(
          "full sync:        %5d requests, wall %.1f s, %d rows, local %d ms, "
              + "%d local rows/s, peak heap %d MB%n",
          full.requests,
          full.wallMs / 1000.0,
          full.rows,
          full.localMs,
          full.localRowsPerS,
          full.peakHeapMb);
      System.out.printf(
          "incremental sync: %5d requests, wall %.1f s, %d rows, local %d ms, "
              + "%d local rows/s, peak heap %d MB%n",
          incremental.requests,
          incremental.wallMs / 1000.0,
          incremental.rows,
          incremental.localMs,
          incremental.localRowsPerS,
          incremental.peakHeapMb);
      System.out.printf(
          "bound: %d audit-log pages + %d changed items + %d always-read pages "
              + "(roles, resource and user groups, %d pending invitations) + 2 = %d -> %s%n",
          auditPages,
          changed.size(),
          alwaysRead,
          pending,
          bound,
          incremental.requests <= bound ? "within" : "EXCEEDED");
      System.out.println("incremental: " + incremental.line);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** 10 dashboard changes: 4 role changes, 2 invites, 2 accepted invites, 2 removals. */
  private static Set<String> changes(SimAccount a) {
    AdminConsole console = new AdminConsole(a);
    List<SimMember> accepted =
        a.members().stream()
            .filter(m -> m.status().equals(Wire.STATUS_ACCEPTED) && !m.managedByPolicies())
            .limit(6)
            .toList();
    List<SimMember> pending =
        a.members().stream().filter(m -> m.status().equals(Wire.STATUS_PENDING)).limit(2).toList();
    String role = a.listedRoles().get(1).id();
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < 4; i++) {
      ids.add(console.setRoles(accepted.get(i).id(), List.of(role)).id());
    }
    for (int i = 0; i < 2; i++) {
      ids.add(console.invite("bench.new" + i + "@acme.example", List.of(role)).id());
    }
    for (SimMember p : pending) {
      ids.add(
          console.accept(p.id(), new SimMember.User(a.newHex32(), "Bench", "Accepted", true)).id());
    }
    for (int i = 4; i < 6; i++) {
      console.removeMember(accepted.get(i).id());
      ids.add(accepted.get(i).id());
    }
    return ids;
  }

  private static Run cli(CfSimulator sim, Path jar, String xmx, Path out, Path dir, String name)
      throws Exception {
    int before = sim.requests().total();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "java",
                "-Xmx" + xmx,
                "-jar",
                jar.toString(),
                "--account-id",
                sim.account().id(),
                "--base-url",
                sim.baseUrl(),
                "-f",
                out.toString(),
                "--zero-trust",
                "false",
                "--incremental",
                "--rate-limit-requests",
                "1000000",
                "--log-level",
                "debug",
                "--log-format",
                "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    Path err = dir.resolve(name + ".stderr.log");
    pb.redirectError(err.toFile());
    pb.redirectOutput(dir.resolve(name + ".stdout.log").toFile());
    System.out.printf("running the %s sync...%n", name);
    long start = System.nanoTime();
    int exit = pb.start().waitFor();
    long wallMs = (System.nanoTime() - start) / 1_000_000;
    String log = Files.readString(err, StandardCharsets.UTF_8);
    String stdout = Files.readString(dir.resolve(name + ".stdout.log")).trim();
    if (exit != 0) {
      throw new IllegalStateException(name + " sync failed (exit " + exit + "): " + log);
    }
    Matcher m = STATS.matcher(log);
    if (!m.find()) {
      throw new IllegalStateException("no stats line in the " + name + " sync's log");
    }
    System.out.println("  " + stdout);
    System.out.println("  requests by endpoint: " + sim.requests().countsByEndpoint());
    return new Run(
        sim.requests().total() - before,
        wallMs,
        Long.parseLong(m.group(1)),
        Long.parseLong(m.group(5)),
        Long.parseLong(m.group(6)),
        Long.parseLong(m.group(7)),
        stdout);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private IncrementalBenchmark() {}
}
