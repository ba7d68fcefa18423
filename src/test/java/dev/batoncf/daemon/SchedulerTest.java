package dev.batoncf.daemon;

import static dev.batoncf.daemon.DaemonFixture.await;
import static dev.batoncf.daemon.DaemonFixture.every;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.review.ReportFormat;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimToken;
import dev.batoncf.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler against the simulator over loopback, with real c1z files in a real directory. */
class SchedulerTest {
  private static final String NEW_TOKEN_ID = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  CfSimulator sim;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private void addToken() {
    sim.account()
        .putToken(
            new SimToken(
                NEW_TOKEN_ID,
                "added-between-syncs",
                "active",
                "2025-01-01T00:00:00Z",
                "2025-01-01T00:00:00Z",
                null,
                null,
                null,
                "ana@acme.example",
                null,
                null,
                null,
                null,
                null));
  }

  /** Runs {@code action} once, after the first good sync, on the scheduler's thread. */
  private static AfterSync afterFirst(Runnable action) {
    return new AfterSync() {
      private boolean done;

      @Override
      public String name() {
        return "test-hook";
      }

      @Override
      public void run(Context c) {
        if (!done) {
          done = true;
          action.run();
        }
      }
    };
  }

  private List<String> hiddenOrTemp() throws Exception {
    try (Stream<Path> s = Files.list(dir);
        Stream<Path> w = Files.list(dir.resolve(".work"))) {
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

  @Test
  void eachSyncGetsTheAccessReviewTheReportCommandWouldWrite() throws Exception {
    try (DaemonFixture d =
        new DaemonFixture(
                sim,
                dir,
                every(Duration.ofSeconds(30), Duration.ofSeconds(1)),
                10,
                new ReportAfterSync(ReportFormat.JSON))
            .start()) {
      await("one good sync", 60, () -> d.seen().size() >= 1);
      d.stop(Duration.ofSeconds(20));
      AfterSync.Context first = d.seen().get(0);
      Path review = first.sibling("review.json");
      assertTrue(Files.exists(review), "no " + review);
      CliRun cli =
          CliRun.run(
              "report",
              "-f",
              first.current().path().toString(),
              "--format",
              "json",
              "--as-of",
              first.finishedAt().toString());
      assertEquals(0, cli.code(), cli.both());
      assertEquals(cli.out(), Files.readString(review));
      JsonObject json = JsonParser.parseString(Files.readString(review)).getAsJsonObject();
      assertTrue(json.toString().contains("\"super_admin\""), "the demo has a Super Administrator");
      assertEquals(List.of(), hiddenOrTemp());
    }
  }

  @Test
  void twoSyncsWithAChangeBetweenWriteADiffOfExactlyThatChange() throws Exception {
    try (DaemonFixture d =
        new DaemonFixture(
                sim,
                dir,
                every(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                10,
                afterFirst(this::addToken))
            .start()) {
      await("two good syncs", 60, () -> d.seen().size() >= 2);
      d.stop(Duration.ofSeconds(20));
      AfterSync.Context second = d.seen().get(1);
      assertEquals(d.seen().get(0).current(), second.previous());
      assertFalse(
          Files.exists(d.seen().get(0).sibling(DiffAfterSync.SUFFIX)),
          "the first sync has nothing to compare with");
      Path diff = second.sibling(DiffAfterSync.SUFFIX);
      JsonObject json = JsonParser.parseString(Files.readString(diff)).getAsJsonObject();
      assertEquals(1, json.getAsJsonArray("entries").size(), Files.readString(diff));
      JsonObject entry = json.getAsJsonArray("entries").get(0).getAsJsonObject();
      assertEquals("added", entry.get("change").getAsString());
      assertEquals("resource", entry.get("kind").getAsString());
      assertEquals("api_token:" + NEW_TOKEN_ID, entry.get("id").getAsString());
      assertEquals("added-between-syncs", entry.get("label").getAsString());
      assertEquals(
          1, json.getAsJsonObject("summary").getAsJsonObject("resources").get("added").getAsInt());
      // the same bytes as the diff command prints for the two files
      CliRun cli =
          CliRun.run(
              "diff",
              "-f",
              second.current().path().toString(),
              "--base",
              second.previous().path().toString(),
              "-o",
              "json");
      assertEquals(0, cli.code(), cli.both());
      assertEquals(cli.out(), Files.readString(diff));
      assertEquals(List.of(), hiddenOrTemp());
    }
  }

  @Test
  void retentionKeepsTwoOfFourSyncsWithTheirDiffs() throws Exception {
    try (DaemonFixture d =
        new DaemonFixture(sim, dir, every(Duration.ofSeconds(1), Duration.ofSeconds(1)), 2)
            .start()) {
      await("four good syncs", 60, () -> d.seen().size() >= 4);
      d.stop(Duration.ofSeconds(20));
      List<AfterSync.Context> seen = d.seen();
      List<SyncFile> left = d.files.list();
      assertEquals(2, left.size());
      SyncFile last = seen.get(seen.size() - 1).current();
      SyncFile beforeLast = seen.get(seen.size() - 2).current();
      assertEquals(List.of(beforeLast, last), left);
      try (Stream<Path> s = Files.list(dir)) {
        assertEquals(
            List.of(
                dev.batoncf.files.OutputLock.LOCK_FILE,
                ".daemon.lock",
                ".work",
                SyncFiles.LATEST,
                beforeLast.name(),
                beforeLast.stem() + ".diff.json",
                last.name(),
                last.stem() + ".diff.json"),
            s.map(p -> p.getFileName().toString()).sorted().toList());
      }
      assertEquals(Path.of(last.name()), Files.readSymbolicLink(d.files.latest()));
      for (AfterSync.Context c : seen.subList(0, seen.size() - 2)) {
        assertFalse(Files.exists(c.current().path()), c.current().name() + " was deleted");
      }
    }
  }

  @Test
  void aFailedSyncKeepsTheLastGoodFileAndIsRetriedAfterTheBackoff() throws Exception {
    byte[][] good = new byte[1][];
    // interval 6s, backoff 1s: after the failure the retry comes from the backoff, not the slot
    try (DaemonFixture d =
        new DaemonFixture(
                sim,
                dir,
                every(Duration.ofSeconds(6), Duration.ofSeconds(1)),
                10,
                afterFirst(
                    () -> {
                      try {
                        good[0] = Files.readAllBytes(dir.resolve(SyncFiles.LATEST));
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                      sim.faults()
                          .next(1)
                          .matching("GET", "/members")
                          .status(403, 9109, "Unauthorized");
                    }))
            .start()) {
      await("a failure", 60, () -> d.state.snapshot().failures() == 1);
      SyncState.Snapshot failed = d.state.snapshot();
      SyncRecord failure = failed.last();
      assertFalse(failure.success());
      assertTrue(failure.error().contains("Unauthorized"), failure.error());
      SyncFile first = d.seen().get(0).current();
      assertEquals(first, failed.newestGood());
      assertArrayEquals(good[0], Files.readAllBytes(first.path()), "the good file is untouched");
      assertEquals(Path.of(first.name()), Files.readSymbolicLink(d.files.latest()));
      assertEquals(List.of(first), d.files.list(), "the failed sync left no file");
      assertEquals(List.of(), hiddenOrTemp(), "nor temp files");

      await("the retry", 60, () -> d.seen().size() >= 2);
      AfterSync.Context retry = d.seen().get(1);
      Duration gap = Duration.between(failure.finishedAt(), retry.current().startedAt());
      assertTrue(gap.compareTo(Duration.ofMillis(990)) >= 0, "not before the floor: " + gap);
      assertTrue(
          retry.current().startedAt().isBefore(failure.startedAt().plusSeconds(6)),
          "retried on the backoff, before the regular slot: " + gap);
      assertArrayEquals(good[0], Files.readAllBytes(first.path()));
      SyncState.Snapshot after = d.state.snapshot();
      assertEquals(3, after.syncs());
      assertEquals(1, after.failures());
      assertEquals(0, after.consecutiveFailures());
      // the retry's diff compares with the last good sync, not with the failure
      assertEquals(first, retry.previous());
      assertTrue(Files.exists(retry.sibling(DiffAfterSync.SUFFIX)));
    }
  }

  @Test
  void syncsNeverOverlapAndASecondDaemonCannotShareTheDirectory() throws Exception {
    // each sync takes about 10 x 150 ms, far longer than the 1 s interval
    sim.faults().latency(Duration.ofMillis(150));
    try (DaemonFixture d =
        new DaemonFixture(sim, dir, every(Duration.ofSeconds(1), Duration.ofSeconds(1)), 10)
            .start()) {
      OutputLock.LockedException e =
          assertThrows(
              OutputLock.LockedException.class,
              () ->
                  new DaemonFixture(
                      sim, dir, every(Duration.ofSeconds(1), Duration.ofSeconds(1)), 10));
      assertTrue(e.getMessage().startsWith("another baton-cloudflare daemon is already using"));
      await("three good syncs", 60, () -> d.seen().size() >= 3);
      d.stop(Duration.ofSeconds(20));
      List<AfterSync.Context> seen = d.seen();
      for (int i = 1; i < seen.size(); i++) {
        Instant previousEnd = seen.get(i - 1).finishedAt();
        Instant start = seen.get(i).current().startedAt();
        assertFalse(
            start.isBefore(previousEnd),
            "sync " + i + " started at " + start + " before the previous ended at " + previousEnd);
      }
    }
  }

  @Test
  void aRestartResumesFromTheFilesAlreadyThere() throws Exception {
    SyncFile first;
    try (DaemonFixture a =
        new DaemonFixture(sim, dir, every(Duration.ofHours(1), Duration.ofSeconds(1)), 10)
            .start()) {
      await("a good sync", 60, () -> a.seen().size() == 1);
      assertTrue(a.stop(Duration.ofSeconds(20)));
      first = a.seen().get(0).current();
    }
    // what a kill -9 mid-sync leaves behind
    Files.createDirectories(dir.resolve(".work/baton-c1z-42"));
    Files.writeString(dir.resolve(".work/baton-c1z-42/sync.db"), "half");
    Files.writeString(dir.resolve("." + first.stem() + ".c1z.tmp-0a0b0c"), "half");
    int before = sim.requests().total();
    try (DaemonFixture b =
        new DaemonFixture(sim, dir, every(Duration.ofHours(1), Duration.ofSeconds(1)), 10)
            .start()) {
      assertEquals(List.of(), hiddenOrTemp(), "stale temp files removed at start");
      SyncState.Snapshot s = b.state.snapshot();
      assertEquals(first, s.newestGood());
      await("the next run planned", 10, () -> b.state.snapshot().nextRunAt() != null);
      assertEquals(
          first.startedAt().plus(Duration.ofHours(1)),
          b.state.snapshot().nextRunAt(),
          "the rhythm of the last good sync, not 'now'");
      Thread.sleep(300);
      assertEquals(before, sim.requests().total(), "no sync at start: the last one is recent");
      assertNull(b.state.snapshot().inProgressSince());
    }
    // with a short interval the restart syncs at the next slot and diffs against the old file
    try (DaemonFixture c =
        new DaemonFixture(sim, dir, every(Duration.ofSeconds(1), Duration.ofSeconds(1)), 10)
            .start()) {
      await("a sync after the restart", 60, () -> c.seen().size() == 1);
      assertEquals(first, c.seen().get(0).previous());
      assertTrue(Files.exists(c.seen().get(0).sibling(DiffAfterSync.SUFFIX)));
    }
  }

  @Test
  void stopAbandonsASlowSyncWithoutTouchingAnyFile() throws Exception {
    try (DaemonFixture d =
        new DaemonFixture(sim, dir, every(Duration.ofSeconds(1), Duration.ofSeconds(1)), 10)
            .start()) {
      await("a good sync", 60, () -> d.seen().size() == 1);
      SyncFile good = d.seen().get(0).current();
      byte[] bytes = Files.readAllBytes(good.path());
      sim.faults().latency(Duration.ofMillis(400));
      await("the next sync to start", 30, () -> d.state.snapshot().inProgressSince() != null);
      Thread.sleep(500);
      assertFalse(d.stop(Duration.ofMillis(200)), "abandoned, not finished");
      assertEquals(List.of(good), d.files.list());
      assertArrayEquals(bytes, Files.readAllBytes(good.path()));
      assertEquals(Path.of(good.name()), Files.readSymbolicLink(d.files.latest()));
      assertEquals(List.of(), hiddenOrTemp(), "the abandoned sync's database is gone");
      SyncState.Snapshot s = d.state.snapshot();
      assertEquals(1, s.syncs(), "an abandoned sync is not counted as a failure");
      assertEquals(0, s.failures());
      assertFalse(s.running());
    }
  }
}
