package dev.batoncf.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private temp directories ({@code baton-cf-<kind>-<pid>-<random>}, mode 0700). The owner's pid in
 * the name is what makes the leftovers of a killed run recognisable: {@link #create} first removes
 * every directory of this form whose owner is gone (no such process, or a process that started
 * after the directory was last changed, i.e. a reused pid). A live run's directory is never
 * touched. This assumes runs sharing a temp directory share a pid namespace.
 */
public final class TempDirs {
  private static final Logger log = LoggerFactory.getLogger(TempDirs.class);
  static final String PREFIX = "baton-cf-";
  private static final Pattern NAME = Pattern.compile("baton-cf-[a-z0-9]+-(\\d+)-\\d+");
  private static final Pattern KIND = Pattern.compile("[a-z0-9]+");

  private TempDirs() {}

  /**
   * A new directory under {@code parent} (the JVM's temp directory when null), after removing stale
   * ones there.
   *
   * @param kind what it holds, lower-case letters and digits ("c1z", "read")
   */
  public static Path create(Path parent, String kind) throws IOException {
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("temp kind must be [a-z0-9]+: " + kind);
    }
    Path base = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
    removeStale(base);
    String prefix = PREFIX + kind + "-" + ProcessHandle.current().pid() + "-";
    // createTempDirectory makes it 0700 on POSIX file systems.
    return Files.createTempDirectory(base, prefix);
  }

  /** Removes the directories of dead owners under {@code parent}; returns what it removed. */
  public static List<Path> removeStale(Path parent) {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path p : entries) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        FileTime touched;
        try {
          touched = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
          continue;
        }
        if (ownerGone(Long.parseLong(m.group(1)), touched.toInstant())) {
          deleteTree(p);
          if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            removed.add(p);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      log.debug("temp cleanup: cannot list {}: {}", parent, e.getMessage());
    }
    if (!removed.isEmpty()) {
      log.info(
          "removed {} temporary director{} left by runs that were killed: {}",
          removed.size(),
          removed.size() == 1 ? "y" : "ies",
          removed);
    }
    return removed;
  }

  /** No process has the pid, or the one that has it started after the directory changed. */
  static boolean ownerGone(long pid, Instant touched) {
    if (pid == ProcessHandle.current().pid()) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    Optional<Instant> started = p.get().info().startInstant();
    // Start times are rounded (to the clock tick); a second of slack keeps the true owner safe.
    return started.isPresent() && started.get().isAfter(touched.plusSeconds(1));
  }

  /**
   * "; /tmp has no free space" when the file system of {@code dir} is (nearly) full, else "": the
   * words a library's "Error opening connection" leaves out.
   */
  public static String spaceHint(Path dir) {
    try {
      if (Files.getFileStore(dir).getUsableSpace() < 64 * 1024) {
        return "; " + dir + " has no free space";
      }
    } catch (IOException | RuntimeException e) {
      // cannot tell: no hint
    }
    return "";
  }

  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete temp file {}: {}", file, e.getMessage());
    }
  }

  /** Deletes the directory and everything in it, without following symlinks. */
  public static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              deleteQuietly(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
              deleteQuietly(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      log.warn("could not delete temp directory {}: {}", dir, e.getMessage());
    }
  }
}
