package dev.batoncf.bench;

import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the {@code report} command on a large sync: syncs a generated account (100,000 members,
 * 10,000 Access users, 20 groups by default) in this JVM, then runs the real CLI in a child JVM
 * limited to {@code -Xmx256m} ({@link ChildJvm}) once per format and prints wall time, the child's
 * own timing, heap and peak RSS, and the output size. Not a test: {@code mvn -B -Pbench verify
 * -DskipTests -Dbench.main=dev.batoncf.bench.ReportBenchmark}.
 *
 * <p>Arguments: {@code --jar PATH}, optional {@code --members 100000}, {@code --xmx 256m}.
 */
public final class ReportBenchmark {
  private static final Pattern STATS =
      Pattern.compile(
          "report stats: identities=(\\d+) "
              + "access_rows=(\\d+) elapsed_ms=(\\d+) peak_heap_mb=(\\d+) cpu_ms=(\\d+)");

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = SyncBenchmark.parse(args);
    Path jar = Path.of(opts.getOrDefault("jar", "target/baton-cloudflare.jar"));
    int members = Integer.parseInt(opts.getOrDefault("members", "100000"));
    String xmx = opts.getOrDefault("xmx", "256m");
    Path dir = Files.createTempDirectory("report-bench");
    try {
      // --c1z PATH keeps the synced file there and reuses it on the next run.
      Path c1z = opts.containsKey("c1z") ? Path.of(opts.get("c1z")) : dir.resolve("sync.c1z");
      if (!Files.exists(c1z)) {
        SimAccount account = Seeds.generated(Seeds.Scale.ofMembers(members), 42);
        long t0 = System.nanoTime();
        try (CfSimulator sim = CfSimulator.start(account)) {
          sim.faults().budget(1_000_000, Duration.ofMinutes(5)); // measure the report, not limits
          SimSync.sync(sim, SimSync.demoToken(), c1z, true);
        }
        System.out.printf(
            "synced %d members into %s in %.1f s%n", members, c1z, (System.nanoTime() - t0) / 1e9);
      }
      System.out.printf("sync file %s: %d bytes%n", c1z, Files.size(c1z));
      List<String> lines = new ArrayList<>();
      // Each format at the target heap, then the heaviest again at half of it, for headroom.
      String half = opts.getOrDefault("small-xmx", "128m");
      for (String[] run :
          List.of(
              new String[] {"html", xmx},
              new String[] {"csv", xmx},
              new String[] {"json", xmx},
              new String[] {"html", half})) {
        String format = run[0];
        String heapLimit = run[1];
        Path out = dir.resolve("report." + format);
        Path err = dir.resolve("stderr-" + format + ".log");
        Path gc = dir.resolve("gc-" + format + ".log");
        List<String> cmd =
            List.of(
                "--log-level",
                "debug",
                "report",
                "-f",
                c1z.toString(),
                "--format",
                format,
                "--as-of",
                "2025-07-01",
                "--out",
                out.toString());
        long start = System.nanoTime();
        Process p =
            ChildJvm.cli(jar, heapLimit, List.of("-Xlog:gc:file=" + gc), cmd, err)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int exit = p.waitFor();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        String log = Files.readString(err, StandardCharsets.UTF_8);
        Matcher m = STATS.matcher(log);
        if (exit != 0 || !m.find()) {
          lines.add(
              String.format(
                  "%-5s %-5s FAILED exit %d: %s",
                  format,
                  heapLimit,
                  exit,
                  log.lines().filter(l -> l.contains("error")).limit(3).toList()));
          continue;
        }
        long[] heap = gcHeap(gc);
        lines.add(
            String.format(
                "%-5s %-5s %10d %12d %8.1f %8.1f %8.1f %9d MB %9d MB %6d %9d MB" + " %12d",
                format,
                heapLimit,
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                wallMs / 1000.0,
                Long.parseLong(m.group(3)) / 1000.0,
                Long.parseLong(m.group(5)) / 1000.0,
                heap[0],
                heap[1],
                heap[2],
                ChildJvm.stats(log).peakRssMb(),
                Files.size(out)));
      }
      System.out.printf(
          "%n%-5s %-5s %10s %12s %8s %8s %8s %12s %12s %6s %12s %12s%n",
          "fmt",
          "-Xmx",
          "identities",
          "access rows",
          "wall s",
          "run s",
          "cpu s",
          "max heap",
          "max live",
          "GCs",
          "peak RSS",
          "bytes");
      lines.forEach(System.out::println);
      System.out.println(
          "(child JVM; wall includes JVM start; run and cpu are the "
              + "command's own elapsed and CPU time; max heap = most heap in use before a GC, max "
              + "live = most still in use after one, from -Xlog:gc; peak RSS = VmHWM at exit)");
    } finally {
      ChildJvm.deleteTree(dir);
    }
  }

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /** {max heap before a GC, max heap after a GC, GC count} from a -Xlog:gc file, in MB. */
  static long[] gcHeap(Path log) throws java.io.IOException {
    long before = 0;
    long after = 0;
    long count = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
        count++;
      }
    }
    return new long[] {before, after, count};
  }

  private ReportBenchmark() {}
}
