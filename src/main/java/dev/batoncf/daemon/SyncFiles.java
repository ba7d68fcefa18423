package dev.batoncf.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's output directory: one {@code sync-<UTC start>.c1z} per good sync, their siblings,
 * {@code latest.c1z} (a relative symlink to the newest good file, or an atomically replaced copy
 * where the file system has no symlinks), and the daemon's own hidden work area {@code .work/}
 * (temp databases). Only the daemon that holds the directory's lock uses it.
 */
public final class SyncFiles {
  private static final Logger log = LoggerFactory.getLogger(SyncFiles.class);
  public static final String PREFIX = "sync-";
  public static final String EXTENSION = ".c1z";
  public static final String LATEST = "latest.c1z";
  static final String WORK_DIR = ".work";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile("sync-(\\d{8}T\\d{6}\\.\\d{3}Z)\\.c1z");

  /**
   * Temp and probe files of the c1z writer and of {@link dev.batoncf.files.OutputFile}: ours, by
   * name.
   */
  private static final Pattern STALE =
      Pattern.compile(
          "\\.(sync-\\d{8}T\\d{6}\\.\\d{3}Z\\.[^/]+|"
              + Pattern.quote(LATEST)
              + ")\\.(tmp|probe)-[0-9a-f]+");

  private final Path dir;

  public SyncFiles(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  /** Where the working databases of syncs and diffs go; emptied at startup. */
  public Path workDir() throws IOException {
    return Files.createDirectories(dir.resolve(WORK_DIR));
  }

  public Path latest() {
    return dir.resolve(LATEST);
  }

  /** The name for a sync started at {@code startedAt}; later by a millisecond if taken. */
  public SyncFile newFile(Instant startedAt) {
    Instant t = startedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    while (true) {
      SyncFile f = new SyncFile(dir.resolve(PREFIX + STAMP.format(t) + EXTENSION), t);
      if (!Files.exists(f.path(), LinkOption.NOFOLLOW_LINKS)) {
        return f;
      }
      t = t.plusMillis(1);
    }
  }

  /** Good sync files, oldest first (only renamed into place once complete, so all are whole). */
  public List<SyncFile> list() throws IOException {
    List<SyncFile> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(
          p -> {
            Matcher m = NAME.matcher(p.getFileName().toString());
            if (m.matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
              try {
                out.add(new SyncFile(p, STAMP.parse(m.group(1), Instant::from)));
              } catch (DateTimeParseException e) {
                // a name of the right shape but an impossible date is not ours
              }
            }
          });
    }
    out.sort(Comparator.comparing(SyncFile::startedAt));
    return out;
  }

  public Optional<SyncFile> newest() throws IOException {
    List<SyncFile> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The files written for {@code f} after its sync: {@code <stem>.*} other than itself. */
  public List<Path> siblings(SyncFile f) throws IOException {
    String prefix = f.stem() + ".";
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && !n.equals(f.name());
              })
          .sorted()
          .toList();
    }
  }

  /** Points {@code latest.c1z} at {@code f} atomically: readers see the old or the new one. */
  public void pointLatestAt(SyncFile f) throws IOException {
    Path tmp = tempSibling(latest());
    try {
      try {
        Files.createSymbolicLink(tmp, f.path().getFileName());
      } catch (UnsupportedOperationException | FileSystemException noLinks) {
        log.debug("no symlinks in {} ({}); latest.c1z is a copy", dir, noLinks.toString());
        Files.deleteIfExists(tmp);
        Files.copy(f.path(), tmp);
        force(tmp);
      }
      move(tmp, latest());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Removes what a killed daemon left behind: the work area's contents and hidden temp files named
   * after our files. Returns how many entries went.
   */
  public int cleanStale() throws IOException {
    int removed = 0;
    Path work = workDir();
    try (Stream<Path> entries = Files.list(work)) {
      for (Path p : entries.toList()) {
        deleteTree(p);
        removed++;
      }
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        if (STALE.matcher(p.getFileName().toString()).matches()) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }

  static Path tempSibling(Path target) {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return target.resolveSibling(
        "." + target.getFileName() + ".tmp-" + HexFormat.of().formatHex(random));
  }

  private static void force(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(p)) {
        for (Path c : children.toList()) {
          deleteTree(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }
}
