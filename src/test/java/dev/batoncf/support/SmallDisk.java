package dev.batoncf.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A directory where writes fail as on a full or read-only disk. As root it is a real tmpfs ({@code
 * mount -t tmpfs -o size=1m}, or {@code -o ro}), filled to the last block by {@link #fill()}.
 * Without root (where mount is not allowed) a full disk is simulated by running the child under
 * {@code ulimit -f} (the kernel then fails writes past the limit with EFBIG, "File too large", the
 * way ENOSPC fails them on a full disk), and a read-only directory by mode 0555.
 */
public final class SmallDisk implements AutoCloseable {
  private static final int ULIMIT_BLOCKS = 16;

  private final Path dir;
  private final boolean mounted;
  private final String reason;
  private final boolean readOnly;

  private SmallDisk(Path dir, boolean mounted, String reason, boolean readOnly) {
    this.dir = dir;
    this.mounted = mounted;
    this.reason = reason;
    this.readOnly = readOnly;
  }

  public static SmallDisk full(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    boolean mounted = mount(dir, "size=1m");
    return new SmallDisk(
        dir, mounted, mounted ? "No space left on device" : "File too large", false);
  }

  public static SmallDisk readOnly(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    if (mount(dir, "ro,size=1m")) {
      return new SmallDisk(dir, true, "Read-only file system", true);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    return new SmallDisk(dir, false, "Permission denied", true);
  }

  public Path dir() {
    return dir;
  }

  /** What the OS says when a write fails here. */
  public String reason() {
    return reason;
  }

  /** Leaves no free block (tmpfs); a file named "filler" takes the space. */
  public void fill() throws IOException {
    Path filler = dir.resolve("filler");
    try (OutputStream out = Files.newOutputStream(filler)) {
      byte[] block = new byte[4096];
      while (mounted) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      if (!mounted) {
        throw full;
      }
    }
  }

  /** The command, run so that its writes hit this disk's limit. */
  public List<String> launch(List<String> command) {
    if (mounted || readOnly) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of("sh", "-c", "ulimit -f " + ULIMIT_BLOCKS + " && exec \"$0\" \"$@\""));
    wrapped.addAll(command);
    return wrapped;
  }

  @Override
  public void close() throws IOException {
    if (mounted) {
      try {
        run("umount", "-l", dir.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (readOnly) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static boolean mount(Path dir, String options) throws IOException, InterruptedException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    return run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
  }

  private static boolean run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
