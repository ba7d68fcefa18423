package dev.batoncf.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checked output target: what it refuses, how it follows symlinks, modes and the lock. */
class OutputFileTest {
  @TempDir Path dir;

  @Test
  void refusesEverythingThatIsNotARegularFileOrAbsent() throws Exception {
    assertRefused(
        Path.of("/dev/null"),
        "cannot write /dev/null: it is a character device, not a regular file; give the path "
            + "of a regular file");
    Path fifo = dir.resolve("pipe");
    run("mkfifo", fifo.toString());
    assertRefused(
        fifo,
        "cannot write "
            + fifo
            + ": it is a FIFO (named pipe), not a regular file; give "
            + "the path of a regular file");
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertRefused(
        sub,
        "cannot write "
            + sub
            + ": it is a directory, not a regular file; give the path of "
            + "a regular file");
    Path sock = dir.resolve("sock");
    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(sock));
      assertRefused(
          sock,
          "cannot write "
              + sock
              + ": it is a socket, not a regular file; give the path "
              + "of a regular file");
    }
    Path toNull = Files.createSymbolicLink(dir.resolve("to-null"), Path.of("/dev/null"));
    assertRefused(
        toNull,
        "cannot write "
            + toNull
            + ": it is a symbolic link to /dev/null, which is a "
            + "character device, not a regular file; give the path of a regular file");
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    assertRefused(
        dangling,
        "cannot write "
            + dangling
            + ": it is a symbolic link to "
            + dir.resolve("nowhere")
            + ", which does not exist; point it at a regular file or remove it");
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
    assertRefused(loop, "cannot write " + loop + ": too many levels of symbolic links");
    assertRefused(
        dir.resolve("missing/out.c1z"),
        "cannot write "
            + dir.resolve("missing/out.c1z")
            + ": directory "
            + dir.resolve("missing")
            + " does not exist");
    assertTrue(Files.exists(Path.of("/dev/null")));
    assertEquals(
        List.of("dangling", "loop", "pipe", "sock", "sub", "to-null"),
        names(dir),
        "no probe or temp file left behind");
  }

  @Test
  void aSymlinkToARegularFileIsWrittenThroughAndStaysALink() throws Exception {
    Path real =
        Files.writeString(Files.createDirectory(dir.resolve("data")).resolve("real.c1z"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("latest.c1z"), Path.of("data/real.c1z"));
    OutputFile out = OutputFile.check(link);
    assertEquals(real, out.resolved());
    out.write(o -> o.write("new".getBytes(StandardCharsets.UTF_8)));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(real));
    assertEquals(List.of("real.c1z"), names(real.getParent()), "temp made beside the target");
    assertEquals(List.of("data", "latest.c1z"), names(dir));
  }

  @Test
  void aSymlinkOfAnotherUserIsRefused() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to lchown a link");
    Path real = Files.writeString(dir.resolve("real.c1z"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("planted.c1z"), real);
    Files.setAttribute(link, "unix:uid", 4321, LinkOption.NOFOLLOW_LINKS);
    assertRefused(
        link,
        "cannot write "
            + link
            + ": the symbolic link "
            + link
            + " belongs to "
            + "another user (uid 4321); refusing to write through it");
    assertEquals("old", Files.readString(real));
  }

  @Test
  void writtenFilesAreNeverWorldReadable() throws Exception {
    Path fresh = dir.resolve("fresh.c1z");
    OutputFile out = OutputFile.check(fresh);
    Path tmp = out.newTemp();
    assertEquals("rw-------", mode(tmp), "temp files are owner-only from the start");
    Files.writeString(tmp, "one");
    out.replaceWith(tmp);
    assertEquals("rw-------", mode(fresh));

    Path shared = Files.writeString(dir.resolve("shared.c1z"), "old");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-rw-r--"));
    OutputFile.check(shared).write(o -> o.write('x'));
    assertEquals("rw-rw----", mode(shared), "group bits kept, world bits dropped");
    assertEquals("x", Files.readString(shared));
  }

  @Test
  void aFailingBodyLeavesTheOldFileAndNoTemp() throws Exception {
    Path f = Files.writeString(dir.resolve("keep.c1z"), "old");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                OutputFile.check(f)
                    .write(
                        o -> {
                          o.write("partial".getBytes(StandardCharsets.UTF_8));
                          throw new IOException("No space left on device");
                        }));
    assertEquals("No space left on device", e.getMessage());
    assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
    assertEquals(List.of("keep.c1z"), names(dir));
  }

  @Test
  @SuppressWarnings("try") // the locks are held by the try blocks, not used in them
  void oneWriterAtATimeAndStaleTempsGoUnderTheLock() throws Exception {
    Path f = dir.resolve("out.c1z");
    OutputFile out = OutputFile.check(f);
    Files.writeString(dir.resolve(".out.c1z.tmp-0123456789ab"), "left by kill -9");
    Files.writeString(dir.resolve(".other.c1z.tmp-0123456789ab"), "not ours");
    try (OutputLock held = out.lock()) {
      OutputFileException busy =
          assertThrows(OutputFileException.class, () -> OutputFile.check(f).lock());
      assertEquals(
          "cannot write "
              + f
              + ": another run is writing it (it holds the lock in "
              + dir.resolve(".baton-cloudflare.lock")
              + "); wait for it to finish",
          busy.getMessage());
      // another file of the same directory is not held up
      try (OutputLock other = OutputFile.check(dir.resolve("other.c1z")).lock()) {
        assertThrows(OutputFileException.class, () -> OutputFile.check(f).lock());
      }
      // releasing the other one kept this one (one channel per lock file in a process)
      assertThrows(OutputFileException.class, () -> OutputFile.check(f).lock());
      out.removeStaleTemps();
    }
    assertEquals(
        List.of(".baton-cloudflare.lock", ".other.c1z.tmp-0123456789ab"),
        names(dir),
        "stale temps of this target are gone; the directory's lock file stays");
    assertEquals("rw-------", mode(dir.resolve(".baton-cloudflare.lock")));
    assertEquals(0, Files.size(dir.resolve(".baton-cloudflare.lock")));
    try (OutputLock again = OutputFile.check(f).lock()) {
      // released and taken again: held once more
      assertThrows(OutputFileException.class, () -> OutputFile.check(f).lock());
    }
  }

  @Test
  @SuppressWarnings("try") // the lock is held by the try block, not used in it
  void theLockHoldsAgainstAnotherProcess() throws Exception {
    Path f = dir.resolve("shared.c1z");
    try (OutputLock held = OutputFile.check(f).lock()) {
      // python's fcntl.lockf takes the same kind of lock (fcntl) on the same byte
      String script =
          "import fcntl,sys\nf=open(sys.argv[1],'r+')\n"
              + "try:\n fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB,1,"
              + OutputLock.offset("shared.c1z")
              + ")\n print('got')\nexcept OSError:\n print('held')\n";
      Process p =
          new ProcessBuilder(
                  "python3", "-c", script, dir.resolve(".baton-cloudflare.lock").toString())
              .redirectErrorStream(true)
              .start();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      assertEquals("held", new String(p.getInputStream().readAllBytes()).strip());
    }
  }

  private static void assertRefused(Path p, String message) {
    OutputFileException e = assertThrows(OutputFileException.class, () -> OutputFile.check(p));
    assertEquals(message, e.getMessage());
    assertFalse(message.contains("\n"));
  }

  static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
  }
}
