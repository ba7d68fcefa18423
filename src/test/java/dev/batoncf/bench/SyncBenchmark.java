package dev.batoncf.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.batoncf.server.HostWalkBenchmark;
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
 * The scale benchmark: for accounts of growing size it syncs with the real CLI and walks {@code
 * serve} over gRPC as Baton's host does (each in a child JVM, see {@link ChildJvm}), then does both
 * again with a rate-limit budget that binds, and prints one Markdown table: Cloudflare requests
 * against the minimum, wall time against the rate-limit floor, local rows/s, peak heap and RSS, and
 * the size of the c1z (CLI) or of the snapshot database (walk). Not a test:
 *
 * <pre>
 * mvn -B -Pbench verify -DskipTests
 * mvn -B -Pbench verify -DskipTests -Dbench.args="--members 1000,10000 --bound-members 0"
 * </pre>
 *
 * <p>Arguments ({@code --jar} comes from the pom): {@code --members 1000,10000,100000}, {@code
 * --bound-members 12000} (0 skips the rate-limited pair), {@code --walk true}, {@code --latency-ms
 * 5}, {@code --xmx 256m} (the children's heap cap), {@code --page-size 100} (what the host asks
 * for).
 */
public final class SyncBenchmark {
  private static final Pattern STATS =
      Pattern.compile(
          "sync stats: rows=(\\d+) requests=(\\d+) "
              + "elapsed_ms=(\\d+) http_ms=(\\d+) local_ms=(\\d+) local_rows_per_s=(\\d+)");

  /**
   * One row of the table. {@code localRowsPerS} is -1 where it is not measured, {@code output} the
   * bytes of the c1z or of the server's snapshot database.
   */
  public record Run(
      String name,
      String path,
      int requests,
      int minimum,
      int throttled,
      long wallMs,
      long floorMs,
      long rows,
      long localRowsPerS,
      ChildJvm.Stats jvm,
      long output,
      int exit) {}

  /** What every run of one benchmark shares. */
  public record Setup(Path jar, int latencyMs, String xmx, int pageSize) {}

  /** How the connector and the simulator limit requests in one run. */
  public record Limits(
      int simRequests, Duration simWindow, int connectorRequests, int windowSeconds) {
    /** Far above any run: measures the connector, not the limit. */
    public static final Limits UNBOUND =
        new Limits(1_000_000, Duration.ofMinutes(5), 1_000_000, 300);

    /**
     * Cloudflare's 1,200 per 5 minutes scaled down 30 times in time (120 per 10 s at the simulator)
     * so that it binds within a minute; the connector's own budget is 110 per 10 s.
     */
    public static final Limits BOUND = new Limits(120, Duration.ofSeconds(10), 110, 10);

    /** The least wall time the budget allows: every full window before the last request. */
    public long floorMs(int requests) {
      return (long) (Math.ceil(requests / (double) connectorRequests) - 1) * windowSeconds * 1000;
    }

    /** Applies the simulator's side; the connector's side is {@link #flags}. */
    public void apply(CfSimulator sim) {
      sim.faults().budget(simRequests, simWindow);
    }

    public List<String> flags() {
      return List.of(
          "--rate-limit-requests",
          String.valueOf(connectorRequests),
          "--rate-limit-window-seconds",
          String.valueOf(windowSeconds));
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    Setup setup =
        new Setup(
            Path.of(opts.getOrDefault("jar", "target/baton-cloudflare.jar")),
            Integer.parseInt(opts.getOrDefault("latency-ms", "5")),
            opts.getOrDefault("xmx", "256m"),
            Integer.parseInt(opts.getOrDefault("page-size", "100")));
    boolean walk = Boolean.parseBoolean(opts.getOrDefault("walk", "true"));
    List<Run> runs = new ArrayList<>();
    for (String m : opts.getOrDefault("members", "1000,10000,100000").split(",")) {
      runs.addAll(pair(Integer.parseInt(m.trim()), setup, Limits.UNBOUND, walk));
    }
    int bound = Integer.parseInt(opts.getOrDefault("bound-members", "12000"));
    if (bound > 0) {
      runs.addAll(pair(bound, setup, Limits.BOUND, walk));
    }
    System.out.println();
    System.out.printf(
        "%d ms simulated latency per request; children -Xmx%s; host page_size %d%n%n",
        setup.latencyMs(), setup.xmx(), setup.pageSize());
    System.out.println(table(runs));
  }

  /** The CLI sync of one account and, if asked, the host walk of the same account. */
  static List<Run> pair(int members, Setup setup, Limits limits, boolean walk) throws Exception {
    SimAccount account = BenchUserGroups.add(Seeds.generated(scale(members), 42));
    String name =
        String.format(
            "%,d members%s", members, limits == Limits.BOUND ? ", rate limit binding" : "");
    List<Run> runs = new ArrayList<>();
    runs.add(run(name, account, setup, limits));
    if (walk) {
      runs.add(HostWalkBenchmark.walk(name, account, setup, limits));
    }
    return runs;
  }

  /**
   * {@code members} members, 60 roles, 10 tokens, and Access scaled alike: members / 10 Access
   * users and members / 500 Access groups (10,000 and 200 at 100,000 members).
   */
  public static Seeds.Scale scale(int members) {
    return new Seeds.Scale(members, 60, 10, Math.max(1, members / 10), Math.max(1, members / 500));
  }

  /** A full sync with the real CLI ({@code --zero-trust true}) in a child JVM. */
  public static Run run(String name, SimAccount account, Setup setup, Limits limits)
      throws Exception {
    int minimum = minimumRequests(account);
    Path dir = Files.createTempDirectory("bench");
    Path out = dir.resolve("bench.c1z");
    try (CfSimulator sim = CfSimulator.start(account)) {
      sim.faults().latency(Duration.ofMillis(setup.latencyMs()));
      limits.apply(sim);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--account-id",
                  account.id(),
                  "--base-url",
                  sim.baseUrl(),
                  "-f",
                  out.toString(),
                  "--zero-trust",
                  "true",
                  "--log-level",
                  "debug",
                  "--log-format",
                  "json"));
      args.addAll(limits.flags());
      Path err = dir.resolve("stderr.log");
      ProcessBuilder pb =
          ChildJvm.cli(setup.jar(), setup.xmx(), List.of(), args, err)
              .redirectOutput(dir.resolve("stdout.log").toFile());
      System.out.printf("CLI sync, %s (minimum %d requests)...%n", name, minimum);
      long start = System.nanoTime();
      int exit = pb.start().waitFor();
      long wallMs = (System.nanoTime() - start) / 1_000_000;
      String log = Files.readString(err, StandardCharsets.UTF_8);
      Matcher m = STATS.matcher(log);
      boolean found = m.find();
      if (!found) {
        System.out.println(log.lines().filter(l -> l.contains("error")).limit(5).toList());
      }
      System.out.println("  " + Files.readString(dir.resolve("stdout.log")).trim());
      System.out.println("  requests by endpoint: " + sim.requests().countsByEndpoint());
      int requests = sim.requests().total();
      return new Run(
          name,
          "CLI sync",
          requests,
          minimum,
          throttled(sim),
          wallMs,
          limits.floorMs(requests),
          found ? Long.parseLong(m.group(1)) : 0,
          found && limits == Limits.UNBOUND ? Long.parseLong(m.group(6)) : -1,
          ChildJvm.stats(log),
          Files.exists(out) ? Files.size(out) : 0,
          exit);
    } finally {
      ChildJvm.deleteTree(dir);
    }
  }

  public static int throttled(CfSimulator sim) {
    return (int) sim.requests().all().stream().filter(x -> x.status() == 429).count();
  }

  /**
   * One request per page of each list at its largest page size, plus one validate: roles, resource
   * groups (one page, no paging), user groups (500 a page), members, one members list per user
   * group (500 a page), tokens, and the Zero Trust lists.
   */
  public static int minimumRequests(SimAccount a, boolean zeroTrust) {
    int n = 1;
    n += pages(a.listedRoles().size(), 50);
    n += 1; // resource groups
    n += pages(a.userGroups().all().size(), 500);
    for (var g : a.userGroups().all()) {
      n += pages((int) g.memberIds().stream().filter(id -> a.member(id).isPresent()).count(), 500);
    }
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

  /** The minimum of a sync with Zero Trust on, as the benchmark runs it. */
  public static int minimumRequests(SimAccount a) {
    return minimumRequests(a, true);
  }

  static final String MINIMUM =
      "minimum = 1 validate + ⌈roles/50⌉ + 1 resource groups"
          + " + ⌈user groups/500⌉ + Σ ⌈group members/500⌉ + ⌈members/50⌉ + ⌈tokens/50⌉"
          + " + 1 risk summary + ⌈Access users/1000⌉ + ⌈Access groups/1000⌉ + 1 per referenced Gateway"
          + " list (each fits one page) + ⌈Access applications/1000⌉, every list read at its"
          + " largest page size";

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

  /** The Markdown table of all runs, with what its columns mean. */
  static String table(List<Run> runs) {
    StringBuilder b =
        new StringBuilder(
            "| account | path | requests | minimum | 429s | wall |"
                + " rate-limit floor | rows | local rows/s | peak heap | peak RSS | c1z / snapshot |"
                + " targets |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Run r : runs) {
      b.append(
          String.format(
              "| %s | %s | %,d | %,d | %d | %.1f s | %s | %,d | %s | %s | %s |"
                  + " %.1f MB | %s |%n",
              r.name(),
              r.path(),
              r.requests(),
              r.minimum(),
              r.throttled(),
              r.wallMs() / 1000.0,
              r.floorMs() > 0 ? String.format("%.1f s", r.floorMs() / 1000.0) : "—",
              r.rows(),
              r.localRowsPerS() < 0 ? "—" : String.format("%,d", r.localRowsPerS()),
              mb(r.jvm().peakHeapMb()),
              mb(r.jvm().peakRssMb()),
              r.output() / 1048576.0,
              verdict(r)));
    }
    b.append("\n")
        .append(MINIMUM)
        .append(".\n")
        .append(
            "rate-limit floor = (⌈requests / 110⌉ − 1) × 10 s for the binding budget of 110"
                + " requests per 10 s (Cloudflare's 1,200 per 5 min, 30 times faster).\n")
        .append(
            "local rows/s: CLI = rows written ÷ (elapsed − time in HTTP calls), from its own"
                + " log; walk = rows served ÷ (walk wall − requests × simulated latency).\n")
        .append(
            "peak heap = sum of the heap memory pools' peak usage; peak RSS = VmHWM of"
                + " /proc/self/status; both of the child JVM at exit.\n");
    return b.toString();
  }

  private static String verdict(Run r) {
    if (r.exit() != 0) {
      return "FAILED (exit " + r.exit() + ")";
    }
    List<String> v = new ArrayList<>();
    v.add("requests ≤ min+2: " + yes(r.requests() <= r.minimum() + 2));
    if (r.floorMs() > 0) {
      v.add("no 429: " + yes(r.throttled() == 0));
      v.add("wall ≤ floor+10%: " + yes(r.wallMs() <= r.floorMs() * 1.1));
    }
    if (r.localRowsPerS() >= 0) {
      v.add("≥ 50k rows/s: " + yes(r.localRowsPerS() >= 50_000));
    }
    return String.join("; ", v);
  }

  private static String yes(boolean ok) {
    return ok ? "yes" : "no";
  }

  private static String mb(long n) {
    return n < 0 ? "?" : n + " MB";
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
