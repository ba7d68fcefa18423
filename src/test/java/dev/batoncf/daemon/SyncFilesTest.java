package dev.batoncf.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncFilesTest {
  @TempDir Path dir;

  private SyncFile write(SyncFiles files, String at, String... siblings) throws Exception {
    SyncFile f = files.newFile(Instant.parse(at));
    Files.writeString(f.path(), "c1z " + at);
    for (String s : siblings) {
      Files.writeString(f.sibling(s), s);
    }
    return f;
  }

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void namesSortByStartTimeAndCollisionsMoveOnAMillisecond() throws Exception {
    SyncFiles files = new SyncFiles(dir);
    SyncFile a = write(files, "2025-01-15T10:00:00.123456Z");
    SyncFile b = write(files, "2025-01-15T10:00:00.123Z"); // same millisecond
    SyncFile c = write(files, "2024-12-31T23:59:59Z");
    assertEquals("sync-20250115T100000.123Z.c1z", a.name());
    assertEquals("sync-20250115T100000.124Z.c1z", b.name());
    assertEquals("sync-20250115T100000.124Z", b.stem());
    assertEquals(
        List.of(c.path(), a.path(), b.path()), files.list().stream().map(SyncFile::path).toList());
    assertEquals(Instant.parse("2024-12-31T23:59:59Z"), files.list().get(0).startedAt());
    // not ours: other names, a directory of the right name, hidden temp files
    Files.writeString(dir.resolve("sync-notes.c1z"), "x");
    Files.createDirectory(dir.resolve("sync-20250101T000000.000Z.c1z"));
    Files.writeString(dir.resolve(".sync-20250102T000000.000Z.c1z.tmp-abc123"), "x");
    assertEquals(3, files.list().size());
    assertEquals(b.path(), files.newest().orElseThrow().path());
  }

  @Test
  void retentionDeletesTheOldestWithTheirSiblingsAndKeepsTheNewest() throws Exception {
    SyncFiles files = new SyncFiles(dir);
    write(files, "2025-01-01T00:00:00Z", "diff.json");
    write(files, "2025-01-02T00:00:00Z", "diff.json", "report.html");
    SyncFile third = write(files, "2025-01-03T00:00:00Z", "diff.json");
    SyncFile fourth = write(files, "2025-01-04T00:00:00Z", "diff.json", "report.html");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    List<SyncFile> removed = new Retention(2).prune(files);
    assertEquals(
        List.of("sync-20250101T000000.000Z.c1z", "sync-20250102T000000.000Z.c1z"),
        removed.stream().map(SyncFile::name).toList());
    assertEquals(
        List.of(
            "notes.txt",
            third.name(),
            "sync-20250103T000000.000Z.diff.json",
            fourth.name(),
            "sync-20250104T000000.000Z.diff.json",
            "sync-20250104T000000.000Z.report.html"),
        names());
    assertEquals(List.of(), new Retention(2).prune(files), "nothing more to delete");
    new Retention(1).prune(files);
    assertEquals(List.of(fourth.path()), files.list().stream().map(SyncFile::path).toList());
    assertEquals(
        "--keep must be at least 1",
        assertThrows(IllegalArgumentException.class, () -> new Retention(0)).getMessage());
  }

  @Test
  void latestIsARelativeSymlinkReplacedAtomically() throws Exception {
    SyncFiles files = new SyncFiles(dir);
    SyncFile a = write(files, "2025-01-01T00:00:00Z");
    SyncFile b = write(files, "2025-01-02T00:00:00Z");
    files.pointLatestAt(a);
    assertEquals(Path.of(a.name()), Files.readSymbolicLink(files.latest()));
    files.pointLatestAt(b);
    assertEquals(Path.of(b.name()), Files.readSymbolicLink(files.latest()));
    assertEquals("c1z 2025-01-02T00:00:00Z", Files.readString(files.latest()));
    assertEquals(List.of(SyncFiles.LATEST, a.name(), b.name()), names(), "no temp left");
  }

  @Test
  void staleCleanupRemovesOnlyOurTempFiles() throws Exception {
    SyncFiles files = new SyncFiles(dir);
    SyncFile good = write(files, "2025-01-01T00:00:00Z", "diff.json");
    Path work = files.workDir();
    Path db = Files.createDirectory(work.resolve("baton-c1z-123"));
    Files.writeString(db.resolve("sync.db"), "half a database");
    Files.writeString(dir.resolve(".sync-20250102T000000.000Z.c1z.tmp-0a1b2c3d4e5f"), "x");
    Files.writeString(dir.resolve(".sync-20250101T000000.000Z.diff.json.tmp-00ff"), "x");
    Files.writeString(dir.resolve(".latest.c1z.tmp-abcdef"), "x");
    Files.writeString(dir.resolve(".latest.c1z.probe-1234"), "x");
    Files.writeString(dir.resolve(".other.c1z.tmp-abcdef"), "someone else's");
    Files.writeString(dir.resolve("sync.c1z"), "a one-shot sync's file");
    assertEquals(5, files.cleanStale());
    assertEquals(
        List.of(
            ".other.c1z.tmp-abcdef",
            ".work",
            good.name(),
            "sync-20250101T000000.000Z.diff.json",
            "sync.c1z"),
        names());
    try (Stream<Path> s = Files.list(work)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void atomicWritesLeaveNoTempAndAreNotWorldReadable() throws Exception {
    Path target = dir.resolve("sync-20250101T000000.000Z.diff.json");
    dev.batoncf.files.OutputFile.check(target)
        .write(out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("{}", Files.readString(target));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertThrows(
        java.io.IOException.class,
        () ->
            dev.batoncf.files.OutputFile.check(target)
                .write(
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new java.io.IOException("disk full");
                    }));
    assertEquals("{}", Files.readString(target), "a failed write keeps the old content");
    assertEquals(List.of(target.getFileName().toString()), names());
  }

  @Test
  void oneDaemonPerDirectory() throws Exception {
    try (OutputLock first = OutputLock.acquire(dir)) {
      OutputLock.LockedException e =
          assertThrows(OutputLock.LockedException.class, () -> OutputLock.acquire(dir));
      assertEquals(
          "another baton-cloudflare daemon is already using " + dir + " (it holds .daemon.lock)",
          e.getMessage());
    }
    try (OutputLock again = OutputLock.acquire(dir)) {
      assertTrue(Files.exists(dir.resolve(".daemon.lock")));
    }
    assertFalse(Files.isDirectory(dir.resolve(".work")), "locking creates nothing else");
  }
}
