package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import dev.batoncf.support.SmallDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process side of a sync, with real child processes: kill -9 and SIGTERM mid-sync, two syncs
 * writing one file, a full disk and a read-only directory. Each time the previous file is
 * byte-identical, errors are one line, and the next run finds nothing that breaks it.
 */
class ProcessFaultsTest {
  private static final byte[] PREVIOUS =
      "previous output, must survive".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  Path tmp;
  Path out;
  CfSimulator sim;
  private final List<Process> children = new ArrayList<>();
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    sim = CfSimulator.start(Seeds.demo());
    tmp = Files.createDirectory(dir.resolve("tmp"));
    out = Files.createDirectory(dir.resolve("out")).resolve("sync.c1z");
    Files.write(out, PREVIOUS);
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    sim.close();
  }

  @Test
  void killMinus9MidSyncLeavesThePreviousFileAndTheNextRunCleansUp() throws Exception {
    Process first = pausedSync();
    assertEquals(1, ours(tmp).size(), "the killed run's working directory: " + names(tmp));
    assertTrue(ours(tmp).get(0).startsWith("baton-cf-c1z-" + first.pid() + "-"));
    first.destroyForcibly(); // SIGKILL: no hook runs
    assertTrue(first.waitFor(20, TimeUnit.SECONDS));
    release.countDown();
    assertArrayEquals(PREVIOUS, Files.readAllBytes(out));
    assertEquals(1, ours(tmp).size(), "kill -9 leaves its temp directory behind");

    Process next = child(out, tmp, null);
    assertTrue(next.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, next.exitValue(), stderr(next));
    assertEquals(List.of(), ours(tmp), "the next run removed the dead run's directory");
    assertEquals(
        List.of(".baton-cloudflare.lock", "sync.c1z"),
        names(out.getParent()),
        "no temp file left; the lock file is released");
    try (C1zReader r = C1zReader.open(out)) {
      assertEquals(153, r.counts().resources(), "the demo account, whole");
    }
  }

  @Test
  void sigtermMidSyncSaysSoInOneLineAndRemovesItsTempFiles() throws Exception {
    Process p = pausedSync();
    p.destroy(); // SIGTERM
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    release.countDown();
    assertEquals(143, p.exitValue());
    assertEquals(
        List.of(
            "warn: interrupted: the sync into "
                + out
                + " stopped before it finished; "
                + out
                + " is unchanged"),
        stderr(p).lines().toList());
    assertArrayEquals(PREVIOUS, Files.readAllBytes(out));
    assertEquals(List.of(), ours(tmp));
    assertEquals(List.of(".baton-cloudflare.lock", "sync.c1z"), names(out.getParent()));
  }

  @Test
  void aSecondSyncOfTheSameFileFailsClearlyWhileTheFirstRuns() throws Exception {
    Process first = pausedSync();
    int before = sim.requests().total();
    CliRun second =
        CliRun.run(
            Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN),
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "--base-url",
            sim.baseUrl(),
            "-f",
            out.toString());
    assertEquals(1, second.code(), second.both());
    assertEquals(
        List.of(
            "error: cannot write "
                + out
                + ": another run is writing it (it holds "
                + "the lock in "
                + out.resolveSibling(".baton-cloudflare.lock")
                + "); wait for it to "
                + "finish"),
        second.errorLines());
    assertEquals(before, sim.requests().total(), "the refused run sent nothing");
    release.countDown();
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue(), stderr(first));
    try (C1zReader r = C1zReader.open(out)) {
      assertTrue(r.counts().grants() > 0);
    }
  }

  @Test
  void aFullDiskFailsInOneLineAndKeepsThePreviousFile() throws Exception {
    try (SmallDisk disk = SmallDisk.full(dir.resolve("small"))) {
      Path target = disk.dir().resolve("sync.c1z");
      Files.write(target, PREVIOUS);
      disk.fill();
      // the compressed file does not fit beside the target
      Process p = child(target, tmp, disk);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String err = stderr(p);
      assertEquals(1, p.exitValue(), err);
      List<String> lines = err.lines().toList();
      assertEquals(1, lines.size(), err);
      assertTrue(
          lines.get(0).startsWith("error: could not write " + target + ": ")
              && lines.get(0).contains(disk.reason()),
          err);
      assertFalse(err.contains("Exception") || err.contains("\tat "), err);
      assertArrayEquals(PREVIOUS, Files.readAllBytes(target));
      assertEquals(List.of(".baton-cloudflare.lock", "filler", "sync.c1z"), names(disk.dir()));
      assertEquals(List.of(), ours(tmp));

      // the working database does not fit in a full temp directory (SQLite's own native code
      // unpacked elsewhere, as it would be when it was loaded before the disk filled up)
      Process q = child(out, disk.dir(), disk, "-Dorg.sqlite.tmpdir=" + tmp);
      assertTrue(q.waitFor(60, TimeUnit.SECONDS));
      String err2 = stderr(q);
      assertEquals(1, q.exitValue(), err2);
      assertEquals(1, err2.lines().count(), err2);
      assertTrue(err2.startsWith("error: could not write " + out + ": "), err2);
      assertTrue(
          err2.contains(disk.dir() + " has no free space")
              || err2.contains("disk is full")
              || err2.contains(disk.reason()),
          err2);
      assertFalse(err2.contains("Exception") || err2.contains("\tat "), err2);
      assertArrayEquals(PREVIOUS, Files.readAllBytes(out));
      assertEquals(List.of(), ours(disk.dir()), "the working database was removed");

      // nothing at all fits in the temp directory, not even SQLite's native library
      Process r = child(out, disk.dir(), disk);
      assertTrue(r.waitFor(60, TimeUnit.SECONDS));
      String err3 = stderr(r);
      assertEquals(1, r.exitValue(), err3);
      assertEquals(1, err3.lines().count(), err3);
      assertTrue(err3.startsWith("error: could not write " + out + ": "), err3);
      assertArrayEquals(PREVIOUS, Files.readAllBytes(out));
    }
  }

  @Test
  void aReadOnlyDirectoryIsRefusedBeforeAnyRequest() throws Exception {
    try (SmallDisk ro = SmallDisk.readOnly(dir.resolve("ro"))) {
      Path target = ro.dir().resolve("sync.c1z");
      CliRun r =
          CliRun.run(
              Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN),
              "--account-id",
              Seeds.DEMO_ACCOUNT_ID,
              "--base-url",
              sim.baseUrl(),
              "-f",
              target.toString());
      assertEquals(2, r.code(), r.both());
      assertEquals(
          List.of(
              "error: --file "
                  + target
                  + ": directory "
                  + ro.dir()
                  + " is not writable ("
                  + ro.reason()
                  + ")"),
          r.errorLines());
      assertEquals(0, sim.requests().total());
    }
  }

  @Test
  void devicesFifosAndDirectoriesAreRefusedAsOutput() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(mk.waitFor(10, TimeUnit.SECONDS));
    for (Path bad : List.of(fifo, dir)) {
      CliRun r =
          CliRun.run(
              Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN),
              "--account-id",
              Seeds.DEMO_ACCOUNT_ID,
              "--base-url",
              sim.baseUrl(),
              "-f",
              bad.toString());
      assertEquals(2, r.code(), r.both());
      String kind = bad.equals(fifo) ? "a FIFO (named pipe)" : "a directory";
      assertEquals(
          List.of(
              "error: --file "
                  + bad
                  + ": it is "
                  + kind
                  + ", not a regular file; "
                  + "give the path of a regular file"),
          r.errorLines());
    }
    assertEquals(0, sim.requests().total());
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo));
  }

  /** A child sync held at its member listing until {@link #release}. */
  private Process pausedSync() throws Exception {
    sim.faults()
        .hooks()
        .afterNext(
            "GET",
            "/members",
            () -> {
              reached.countDown();
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Process p = child(out, tmp, null);
    assertTrue(
        reached.await(60, TimeUnit.SECONDS),
        "the child never reached the members list: " + (p.isAlive() ? "" : stderr(p)));
    return p;
  }

  /**
   * {@code baton-cloudflare} syncing into {@code target} as its own JVM with its own temp
   * directory, logs on stderr; under {@code disk}'s limits when given.
   */
  private Process child(Path target, Path tempDir, SmallDisk disk, String... jvm)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tempDir));
    cmd.addAll(List.of(jvm));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.batoncf.Main",
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "--base-url",
            sim.baseUrl(),
            "-f",
            target.toString(),
            "--log-format",
            "console",
            "--retry-deadline-seconds",
            "5"));
    ProcessBuilder pb =
        new ProcessBuilder(disk == null ? cmd : disk.launch(cmd))
            .redirectError(dir.resolve("stderr-" + children.size() + ".log").toFile())
            .redirectOutput(dir.resolve("stdout-" + children.size() + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
    pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    Process p = pb.start();
    children.add(p);
    return p;
  }

  private String stderr(Process p) throws IOException {
    return Files.readString(dir.resolve("stderr-" + children.indexOf(p) + ".log"));
  }

  /** Our temp directories (the SQLite and zstd libraries unpack their native code there too). */
  private static List<String> ours(Path d) throws IOException {
    return names(d).stream().filter(n -> n.startsWith("baton-cf-")).toList();
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }
}
