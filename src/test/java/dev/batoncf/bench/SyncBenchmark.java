package dev.batoncf.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syncs simulated accounts of growing size with the real CLI in a child JVM (so its heap limit
 * and peak are the connector's alone) and prints Cloudflare requests against the minimum, wall
 * time, local rows/s and peak heap. Not a test: run with {@code mvn -Pbench verify -DskipTests}.
 *
 * <p>Arguments: {@code --jar PATH} (the fat jar), optional {@code --members 1000,10000,100000},
 * {@code --latency-ms 5}, {@code --xmx 256m}, {@code --zt-users 10000 --zt-groups 200}.
 */
public final class SyncBenchmark {
  private static final Pattern STATS = Pattern.compile(
      "rows=(\\d+) requests=(\\d+) elapsed_ms=(\\d+) http_ms=(\\d+) local_ms=(\\d+) "
          + "local_rows_per_s=(\\d+) peak_heap_mb=(\\d+)");

  public record Run(String name, int requests, int minimum, long wallMs, long rows, long localRowsPerS,
             long peakHeapMb, int exit, int throttled) {}

  /** How the connector and the simulator limit requests in one run. */
  public record Limits(int simRequests, Duration simWindow, int connectorRequests, int windowSeconds) {
    /** Far above any run: measures the connector, not the limit. */
    public static final Limits UNBOUND = new Limits(1_000_000, Duration.ofMinutes(5), 1_000_000, 300);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    Path jar = Path.of(opts.getOrDefault("jar", "target/baton-cloudflare.jar"));
    int latency = Integer.parseInt(opts.getOrDefault("latency-ms", "5"));
    String xmx = opts.getOrDefault("xmx", "256m");
    List<Run> runs = new ArrayList<>();
    for (String m : opts.getOrDefault("members", "1000,10000,100000").split(",")) {
      int members = Integer.parseInt(m.trim());
      SimAccount account = Seeds.generated(new Seeds.Scale(members, 60, 10, 0, 0), 42);
      runs.add(run("members=" + members, account, jar, latency, xmx, false, Limits.UNBOUND));
    }
    int ztUsers = Integer.parseInt(opts.getOrDefault("zt-users", "10000"));
    int ztGroups = Integer.parseInt(opts.getOrDefault("zt-groups", "200"));
    if (ztUsers > 0) {
      SimAccount zt = Seeds.generated(new Seeds.Scale(1000, 60, 10, ztUsers, ztGroups), 42);
      runs.add(run("zero-trust users=" + ztUsers + " groups=" + ztGroups, zt, jar, latency, xmx,
          true, Limits.UNBOUND));
    }
    // Cloudflare's 1200 per 5 minutes, scaled down 30x in time (120 per 10 s) so it binds within a
    // minute: the connector's own budget (110 per 10 s) must avoid every 429, and the wall time
    // should sit near the floor of (ceil(requests / 110) - 1) windows.
    int boundMembers = Integer.parseInt(opts.getOrDefault("bound-members", "12000"));
    if (boundMembers > 0) {
      SimAccount bound = Seeds.generated(new Seeds.Scale(boundMembers, 60, 10, 0, 0), 42);
      Run r = run("rate-limit bound, members=" + boundMembers, bound, jar, latency, xmx, false,
          new Limits(120, Duration.ofSeconds(10), 110, 10));
      runs.add(r);
      double floor = (Math.ceil(r.requests / 110.0) - 1) * 10;
      System.out.printf("rate-limit bound run: %d requests, %d answered 429, wall %.1f s, floor "
          + "%.1f s (%.0f%% above)%n", r.requests, r.throttled, r.wallMs / 1000.0, floor,
          (r.wallMs / 1000.0 - floor) * 100 / floor);
    }
    System.out.println();
    System.out.printf("%-40s %9s %8s %5s %9s %10s %12s %10s %s%n", "run", "requests", "minimum",
        "429s", "wall s", "rows", "local rows/s", "peak heap", "requests<=min+2, rows/s>=50k");
    for (Run r : runs) {
      String verdict = r.exit != 0 ? "FAILED (exit " + r.exit + ")"
          : (r.requests <= r.minimum + 2 ? "yes" : "NO") + ", "
          + (r.localRowsPerS >= 50_000 ? "yes" : "no");
      System.out.printf("%-40s %9d %8d %5d %9.1f %10d %12d %7d MB %s%n", r.name, r.requests,
          r.minimum, r.throttled, r.wallMs / 1000.0, r.rows, r.localRowsPerS, r.peakHeapMb,
          verdict);
    }
  }

  public static Run run(String name, SimAccount account, Path jar, int latencyMs, String xmx,
                 boolean zeroTrust, Limits limits) throws Exception {
    int minimum = minimumRequests(account, zeroTrust);
    Path dir = Files.createTempDirectory("bench");
    Path out = dir.resolve("bench.c1z");
    try (CfSimulator sim = CfSimulator.start(account)) {
      sim.faults().latency(Duration.ofMillis(latencyMs));
      sim.faults().budget(limits.simRequests(), limits.simWindow());
      List<String> cmd = List.of("java", "-Xmx" + xmx, "-jar", jar.toString(),
          "--account-id", account.id(), "--base-url", sim.baseUrl(), "-f", out.toString(),
          "--zero-trust", String.valueOf(zeroTrust),
          "--rate-limit-requests", String.valueOf(limits.connectorRequests()),
          "--rate-limit-window-seconds", String.valueOf(limits.windowSeconds()),
          "--log-level", "debug", "--log-format", "json");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
      pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
      Path err = dir.resolve("stderr.log");
      pb.redirectError(err.toFile());
      pb.redirectOutput(dir.resolve("stdout.log").toFile());
      System.out.printf("running %s (minimum %d requests)...%n", name, minimum);
      long start = System.nanoTime();
      Process p = pb.start();
      int exit = p.waitFor();
      long wallMs = (System.nanoTime() - start) / 1_000_000;
      String log = Files.readString(err, StandardCharsets.UTF_8);
      Matcher m = STATS.matcher(log);
      long rows = 0;
      long rate = 0;
      long heap = -1;
      if (m.find()) {
        rows = Long.parseLong(m.group(1));
        rate = Long.parseLong(m.group(6));
        heap = Long.parseLong(m.group(7));
      } else {
        System.out.println(log.lines().filter(l -> l.contains("error")).limit(5).toList());
      }
      System.out.println("  " + Files.readString(dir.resolve("stdout.log")).trim());
      System.out.println("  requests by endpoint: " + sim.requests().countsByEndpoint());
      int throttled = (int) sim.requests().all().stream().filter(x -> x.status() == 429).count();
      return new Run(name, sim.requests().total(), minimum, wallMs, rows, rate, heap, exit,
          throttled);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** One request per page of each list at its largest page size, plus one validate. */
  static int minimumRequests(SimAccount a, boolean zeroTrust) {
    int n = 1;
    n += pages(a.listedRoles().size(), 50);
    n += pages(a.memberCount(), 50);
    n += pages(a.tokens().size(), 50);
    if (zeroTrust) {
      n += 1; // risk summary
      n += pages(a.accessUsers().size(), 1000);
      n += pages(a.groups().size(), 1000);
      n += referencedEmailLists(a);
      n += pages(a.apps().all().size(), 1000); // access apps; their policies come embedded
    }
    return n;
  }

  static int referencedEmailLists(SimAccount a) {
    Set<String> ids = new HashSet<>();
    for (JsonObject g : a.groups()) {
      for (String section : List.of("include", "exclude", "require")) {
        JsonElement rules = g.get(section);
        if (rules != null && rules.isJsonArray()) {
          for (JsonElement r : rules.getAsJsonArray()) {
            if (r.isJsonObject() && r.getAsJsonObject().has("email_list")) {
              ids.add(r.getAsJsonObject().getAsJsonObject("email_list").get("id").getAsString());
            }
          }
        }
      }
    }
    return ids.size();
  }

  static int pages(int items, int perPage) {
    return Math.max(1, (items + perPage - 1) / perPage);
  }

  /** "--key value" pairs; Maven passes -Dbench.args as one argument, so words are re-split. */
  public static Map<String, String> parse(String[] raw) {
    String[] args = String.join(" ", raw).trim().split("\\s+");
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].startsWith("--")) {
        m.put(args[i].substring(2), args[i + 1]);
        i++;
      }
    }
    return m;
  }

  private SyncBenchmark() {}
}
