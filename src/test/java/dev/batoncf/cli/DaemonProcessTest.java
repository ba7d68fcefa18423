package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.SimSync;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code daemon} command as a real process: SIGTERM mid-sync abandons the sync without touching
 * a file and exits 0, or lets it finish within the timeout; a restart resumes.
 */
class DaemonProcessTest {
  private static final Pattern HEALTH = Pattern.compile("health checks on (http://\\S+) ");

  @TempDir Path tmp;
  Path out;
  CfSimulator sim;
  final List<Process> started = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  @BeforeEach
  void start() throws Exception {
    sim = CfSimulator.start(Seeds.demo());
    out = Files.createDirectory(tmp.resolve("out"));
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    sim.close();
  }

  /** A started daemon and the health URL it printed. */
  private record Daemon(Process process, String health, Path stderr) {
    String log() throws Exception {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }
  }

  private Daemon daemon(String name, String... flags) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.batoncf.Main",
                "daemon",
                "--output-dir",
                out.toString(),
                "--health-check",
                "--health-check-port",
                "0",
                "--account-id",
                Seeds.DEMO_ACCOUNT_ID,
                "--base-url",
                sim.baseUrl(),
                "--log-format",
                "console",
                "--retry-deadline-seconds",
                "5"));
    cmd.addAll(List.of(flags));
    Path stderr = tmp.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
    pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    Process p = pb.start();
    started.add(p);
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Matcher m = HEALTH.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
                url.completeExceptionally(
                    new AssertionError("the daemon exited without health checks"));
              } catch (Exception e) {
                url.completeExceptionally(e);
              }
            },
            name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    return new Daemon(p, url.get(60, TimeUnit.SECONDS), stderr);
  }

  private int status(Daemon d, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(d.health() + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private List<Path> syncFiles() throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().matches("sync-.*\\.c1z")).sorted().toList();
    }
  }

  private List<String> leftovers() throws Exception {
    try (Stream<Path> s = Files.list(out);
        Stream<Path> w = Files.list(out.resolve(".work"))) {
      return Stream.concat(
              s.map(p -> p.getFileName().toString())
                  .filter(
                      n ->
                          n.startsWith(".")
                              && !n.equals(".work")
                              && !n.equals(".daemon.lock")
                              && !n.equals(dev.batoncf.files.OutputLock.LOCK_FILE)),
              w.map(p -> ".work/" + p.getFileName()))
          .toList();
    }
  }

  private static void await(String what, int seconds, BooleanSupplier c) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void afterItsFirstFullSyncTheDaemonSyncsIncrementally() throws Exception {
    Daemon d = daemon("incremental", "--sync-interval", "2s");
    await("the first good sync", 60, () -> files() >= 1);
    new dev.batoncf.simulator.AdminConsole(sim.account())
        .setRoles(Seeds.DEMO_MEMBER_ZOE, List.of(Seeds.ROLE_DNS, Seeds.ROLE_FIREWALL));
    long membersBefore = sim.requests().count("GET", dev.batoncf.simulator.Paths.MEMBERS);
    await("the second good sync", 60, () -> files() >= 2);
    d.process().destroy();
    assertTrue(d.process().waitFor(30, TimeUnit.SECONDS), "the daemon did not exit");
    String log = d.log();
    assertEquals(
        1,
        log.lines()
            .filter(l -> l.endsWith("full sync instead of incremental: no earlier sync file"))
            .count(),
        log);
    assertTrue(
        log.lines()
            .anyMatch(
                l -> l.contains("incremental sync from ") && l.contains("1 members re-fetched")),
        log);
    assertEquals(
        1,
        sim.requests().count("GET", dev.batoncf.simulator.Paths.MEMBERS) - membersBefore,
        "only the pending invitations are listed again: " + log);
    Path second = syncFiles().get(1);
    Path reference = tmp.resolve("reference.c1z");
    SimSync.fileSync(sim, reference, 0);
    assertEquals(
        new java.util.HashSet<>(SimSync.grants(reference, null)),
        new java.util.HashSet<>(SimSync.grants(second, null)));
    assertEquals(
        new java.util.HashSet<>(SimSync.resources(reference, null)),
        new java.util.HashSet<>(SimSync.resources(second, null)));
  }

  private int files() {
    try {
      return syncFiles().size();
    } catch (Exception e) {
      return 0;
    }
  }

  @Test
  void sigtermMidSyncAbandonsItCleanlyAndARestartResumes() throws Exception {
    Daemon d = daemon("first", "--sync-interval", "2s", "--shutdown-timeout", "1s");
    await(
        "the first good sync",
        60,
        () -> {
          try {
            return status(d, "/ready") == 200;
          } catch (Exception e) {
            return false;
          }
        });
    List<Path> files = syncFiles();
    assertEquals(1, files.size());
    Path good = files.get(0);
    byte[] bytes = Files.readAllBytes(good);

    sim.faults().latency(Duration.ofMillis(500)); // the next sync takes ~5 s
    int before = sim.requests().total();
    await("the second sync to start", 30, () -> sim.requests().total() > before);
    Thread.sleep(700);
    d.process().destroy(); // SIGTERM
    assertTrue(d.process().waitFor(30, TimeUnit.SECONDS), "the daemon did not exit");
    assertEquals(0, d.process().exitValue(), d.log());

    assertEquals(List.of(good), syncFiles(), d.log());
    assertArrayEquals(bytes, Files.readAllBytes(good));
    assertEquals(good.getFileName(), Files.readSymbolicLink(out.resolve("latest.c1z")));
    assertEquals(List.of(), leftovers(), "the abandoned sync's temp files are gone");
    String log = d.log();
    assertTrue(log.contains("shutting down: the sync in progress may finish for up to 1s"), log);
    assertTrue(
        log.contains("abandoning it (its temp files are removed, no file is replaced)"), log);
    assertTrue(log.contains("stopped (the sync in progress was abandoned; no file changed)"), log);
    assertFalse(log.contains(Seeds.DEMO_API_TOKEN), "no secret in the log");

    // A restart picks the file up: ready at once, next sync an interval after the last good one
    sim.faults().latency(Duration.ZERO);
    int requestsBefore = sim.requests().total();
    Daemon again = daemon("second", "--sync-interval", "1h");
    assertEquals(200, status(again, "/ready"), again.log());
    assertTrue(
        again.log().contains("1 good sync(s) in " + out.toAbsolutePath().normalize()), again.log());
    assertEquals(requestsBefore, sim.requests().total(), "no immediate sync after the restart");
    again.process().destroy();
    assertTrue(again.process().waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, again.process().exitValue(), again.log());
    assertTrue(again.log().lines().anyMatch("info: stopped"::equals), again.log());
    assertEquals(List.of(good), syncFiles());
  }

  @Test
  void sigtermLetsTheSyncFinishWithinTheTimeout() throws Exception {
    sim.faults().latency(Duration.ofMillis(150)); // ~1.5 s per sync
    Daemon d = daemon("finishing", "--sync-interval", "1h", "--shutdown-timeout", "30s");
    await("the first sync to start", 30, () -> sim.requests().total() > 0);
    d.process().destroy();
    assertTrue(d.process().waitFor(40, TimeUnit.SECONDS), "the daemon did not exit");
    assertEquals(0, d.process().exitValue(), d.log());
    List<Path> files = syncFiles();
    assertEquals(1, files.size(), d.log());
    sim.faults().latency(Duration.ZERO);
    Path reference = tmp.resolve("reference.c1z");
    SimSync.sync(sim, SimSync.demoToken(), reference, true);
    for (String type : List.of("user", "role", "access_user")) {
      assertEquals(
          SimSync.resources(reference, type).size(),
          SimSync.resources(files.get(0), type).size(),
          "a complete, readable file: " + type);
    }
    assertEquals(List.of(), leftovers());
    assertTrue(d.log().lines().anyMatch("info: stopped"::equals), d.log());
  }
}
