package dev.batoncf.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temp directories carry their owner's pid; only dead owners' directories are removed. */
class TempDirsTest {
  @TempDir Path dir;

  @Test
  void createNamesTheOwnerAndIsPrivate() throws Exception {
    Path t = TempDirs.create(dir, "c1z");
    String name = t.getFileName().toString();
    assertTrue(name.startsWith("baton-cf-c1z-" + ProcessHandle.current().pid() + "-"), name);
    assertEquals("rwx------", OutputFileTest.mode(t));
  }

  @Test
  void removesOnlyTheDirectoriesOfDeadOwners() throws Exception {
    long dead = deadPid();
    Path mine = TempDirs.create(dir, "read");
    Path stale = Files.createDirectory(dir.resolve("baton-cf-c1z-" + dead + "-42"));
    Files.writeString(stale.resolve("sync.db"), "half a database");
    // pid 1 is alive but started long after this directory was last touched: a reused pid
    Path reused = Files.createDirectory(dir.resolve("baton-cf-sync-1-7"));
    Files.setLastModifiedTime(reused, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    // pid 1 started before this one was touched: maybe its owner, so kept
    Path live = Files.createDirectory(dir.resolve("baton-cf-sync-1-8"));
    Path foreign = Files.createDirectory(dir.resolve("baton-c1z-" + dead + "-1"));
    Path file = Files.writeString(dir.resolve("baton-cf-c1z-" + dead + "-9"), "a file");

    List<Path> removed = TempDirs.removeStale(dir);
    assertEquals(
        List.of(reused, stale).stream().sorted().toList(), removed.stream().sorted().toList());
    assertFalse(Files.exists(stale));
    assertTrue(Files.isDirectory(mine));
    assertTrue(Files.isDirectory(live));
    assertTrue(Files.isDirectory(foreign), "not our naming: never touched");
    assertTrue(Files.exists(file), "only directories are ours");

    Path again = Files.createDirectory(dir.resolve("baton-cf-c1z-" + dead + "-43"));
    Path next = TempDirs.create(dir, "c1z");
    assertFalse(Files.exists(again), "creating a temp directory cleans the stale ones first");
    assertTrue(Files.isDirectory(next));
  }

  /** A pid that no process has: that of a child that has exited. */
  static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    long pid = p.pid();
    assertTrue(ProcessHandle.of(pid).isEmpty(), "pid " + pid + " was reused at once");
    return pid;
  }
}
