package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.batoncf.pb.connector.v2.Grant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed or abandoned sync must never damage the previous file or leave litter behind. */
class CrashSafetyTest {

  private static final byte[] PREVIOUS =
      "previous sync, must survive\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  @TempDir Path work;

  private Path target;

  @BeforeEach
  void previousFile() throws IOException {
    target = dir.resolve("sync.c1z");
    Files.write(target, PREVIOUS);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void close_without_finish_discards_everything() throws Exception {
    try (C1zWriter writer = C1zWriter.create(target, work, Fixtures.fixedClock())) {
      writeSome(writer);
      assertEquals(1, writer.counts().grants());
    }
    assertUntouched();
  }

  @Test
  void exception_mid_sync_leaves_the_target_alone() throws Exception {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              try (C1zWriter writer = C1zWriter.create(target, work, Fixtures.fixedClock())) {
                writeSome(writer);
                writer.putGrant(Grant.newBuilder().setId("").build());
                writer.finish();
              }
            });
    assertEquals("grant has an empty id", thrown.getMessage());
    assertUntouched();
  }

  @Test
  void finish_failing_at_the_rename_leaves_the_target_alone() throws Exception {
    C1zWriter writer = C1zWriter.create(target, work, Fixtures.fixedClock());
    writeSome(writer);
    // Something replaced the target by a non-empty directory: the final rename must fail.
    Files.delete(target);
    Files.createDirectory(target);
    Path inside = Files.write(target.resolve("keep.txt"), PREVIOUS);
    IOException failure = assertThrows(IOException.class, writer::finish);
    assertTrue(failure.getMessage().contains("sync.c1z"), failure.getMessage());
    assertThrows(IllegalStateException.class, () -> writer.putResourceType(Fixtures.userType()));
    writer.close();
    assertArrayEquals(PREVIOUS, Files.readAllBytes(inside));
    assertEquals(
        List.of(".baton-cloudflare.lock", "sync.c1z"),
        names(dir),
        "the compressed temp file was removed");
    assertEquals(List.of(), names(work), "the working database was removed");
  }

  @Test
  void nonexistent_directory_fails_at_create() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("sync.c1z");
    IOException e = assertThrows(IOException.class, () -> C1zWriter.create(missing, work));
    assertEquals(
        "cannot write " + missing + ": directory " + missing.getParent() + " does not exist",
        e.getMessage());
    assertEquals(List.of(), names(work), "nothing was started");
  }

  @Test
  void target_that_is_a_directory_fails_at_create() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("out.c1z"));
    IOException e = assertThrows(IOException.class, () -> C1zWriter.create(directory, work));
    assertEquals(
        "cannot write "
            + directory
            + ": it is a directory, not a regular file; give the path of a "
            + "regular file",
        e.getMessage());
  }

  @Test
  void unwritable_sibling_fails_at_create_and_keeps_the_existing_file() throws Exception {
    // A 250-character name exists, but its temp sibling ".<name>.tmp-<random>" would exceed the
    // 255-byte name limit: the file could never be replaced. This holds even for root.
    Path longName = dir.resolve("s".repeat(246) + ".c1z");
    Files.write(longName, PREVIOUS);
    IOException e = assertThrows(IOException.class, () -> C1zWriter.create(longName, work));
    assertEquals(
        "cannot write " + longName + ": directory " + dir + " is not writable (File name too long)",
        e.getMessage());
    assertArrayEquals(PREVIOUS, Files.readAllBytes(longName));
    assertEquals(List.of(), names(work));
  }

  @Test
  void read_only_directory_fails_at_create_and_keeps_the_existing_file() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(dir), "permission bits do not bind this user (root)");
      IOException e = assertThrows(IOException.class, () -> C1zWriter.create(target, work));
      assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
      assertArrayEquals(PREVIOUS, Files.readAllBytes(target));
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void a_second_writer_for_the_same_target_fails_clearly_until_the_first_is_closed()
      throws Exception {
    try (C1zWriter first = C1zWriter.create(target, work, Fixtures.fixedClock())) {
      writeSome(first);
      IOException busy = assertThrows(IOException.class, () -> C1zWriter.create(target, work));
      assertEquals(
          "cannot write "
              + target
              + ": another run is writing it (it holds the lock in "
              + dir.resolve(".baton-cloudflare.lock")
              + "); wait for it to finish",
          busy.getMessage());
      first.finish();
    }
    assertEquals(
        List.of(".baton-cloudflare.lock", "sync.c1z"), names(dir), "the lock file stays, unlocked");
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
        "the previous file was rw-r--r--: its group bit is kept, the world bit dropped");
    try (C1zReader r = C1zReader.open(target)) {
      assertEquals(1, r.counts().grants());
    }
    byte[] finished = Files.readAllBytes(target);
    try (C1zWriter second = C1zWriter.create(target, work, Fixtures.fixedClock())) {
      assertEquals(target, second.target()); // the lock is free again; closed unfinished
    }
    assertArrayEquals(finished, Files.readAllBytes(target));
  }

  @Test
  @SuppressWarnings("try") // the writer holds its lock and work directory while the try runs
  void temp_files_left_by_a_killed_run_are_removed_by_the_next_writer() throws Exception {
    Path staleTmp = Files.write(dir.resolve(".sync.c1z.tmp-00112233aabb"), PREVIOUS);
    Path staleWork = Files.createDirectory(work.resolve("baton-cf-c1z-" + deadPid() + "-1"));
    Files.write(staleWork.resolve("sync.db"), PREVIOUS);
    try (C1zWriter writer = C1zWriter.create(target, work, Fixtures.fixedClock())) {
      assertEquals(List.of(".baton-cloudflare.lock", "sync.c1z"), names(dir), "stale temp gone");
      assertEquals(1, names(work).size(), "only the new working directory: " + names(work));
      assertTrue(
          names(work).get(0).startsWith("baton-cf-c1z-" + ProcessHandle.current().pid() + "-"));
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(work.resolve(names(work).get(0)))));
    }
    assertUntouched();
    assertTrue(!Files.exists(staleTmp) && !Files.exists(staleWork));
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
    return p.pid();
  }

  private static void writeSome(C1zWriter writer) throws IOException {
    writer.putResourceType(Fixtures.userType());
    writer.putResource(Fixtures.user("u-1", "one@example.com"));
    writer.putGrant(
        Fixtures.grant(
            Fixtures.member(Fixtures.group("g-1")), Fixtures.user("u-1", "one@example.com")));
  }

  private void assertUntouched() {
    try {
      assertArrayEquals(PREVIOUS, Files.readAllBytes(target), "previous file byte-identical");
      assertEquals(
          List.of(".baton-cloudflare.lock", "sync.c1z"),
          names(dir),
          "no temp files next to the target, only the directory's (released) lock file");
      assertEquals(List.of(), names(work), "working database deleted");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
