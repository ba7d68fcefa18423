package dev.batoncf.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file the product writes (a c1z, a report, a diff): checked before any work, then replaced
 * whole. New content goes to a hidden sibling {@code .<name>.tmp-<random>} (mode 0600) that is
 * forced to disk and renamed over the file, so a crash leaves the old file or the new one.
 *
 * <p>Rules: the path must be absent or a regular file; a directory, device, FIFO or socket is
 * refused (as root, {@code -f /dev/null} must not replace the system's /dev/null). A symlink is
 * followed to its final target, which must be a regular file; each link must belong to this
 * process's user or to root (a link planted by someone else in a shared directory is refused), and
 * the link itself stays in place: the temp file is made in the target's directory and renamed over
 * the target. The written file is never world-readable: 0600, or the old file's owner and group
 * permission bits (e.g. 0640) when it existed. Two runs writing one file: the second fails at once
 * with a clear message ({@link #lock()}).
 */
public final class OutputFile {
  private static final int MAX_LINKS = 40;
  private static final Set<PosixFilePermission> OWNER_RW =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path path;
  private final Path resolved;
  private final Path dir;

  private OutputFile(Path path, Path resolved) {
    this.path = path;
    this.resolved = resolved;
    this.dir = resolved.getParent();
  }

  /**
   * The checked target. Fails now, before any work, when the file could not be written later.
   *
   * @throws OutputFileException with a message naming the path and the problem
   */
  public static OutputFile check(Path target) throws OutputFileException {
    Path path = target.toAbsolutePath().normalize();
    if (path.getFileName() == null || path.getParent() == null) {
      throw new OutputFileException(target, "it is not a file path");
    }
    List<Path> links = new ArrayList<>();
    Path resolved = followLinks(path, links);
    BasicFileAttributes attrs = attributes(resolved);
    if (attrs == null && !links.isEmpty()) {
      throw new OutputFileException(
          path,
          "it is a symbolic link to "
              + resolved
              + ", which does not exist; point it at a regular file or remove it");
    }
    if (attrs != null && !attrs.isRegularFile()) {
      throw new OutputFileException(
          path,
          "it is "
              + (links.isEmpty() ? "" : "a symbolic link to " + resolved + ", which is ")
              + FileKind.of(resolved, attrs)
              + ", not a regular file; give the path of a regular file");
    }
    Path dir = resolved.getParent();
    if (!Files.isDirectory(dir)) {
      throw new OutputFileException(path, "directory " + dir + " does not exist");
    }
    OutputFile out = new OutputFile(path, resolved);
    Integer uid = out.probeUid();
    for (Path link : links) {
      Integer owner = uid(link);
      if (uid != null && owner != null && !owner.equals(uid) && owner != 0) {
        throw new OutputFileException(
            path,
            "the symbolic link "
                + link
                + " belongs to another user (uid "
                + owner
                + "); refusing to write through it");
      }
    }
    if (attrs != null && !Files.isWritable(resolved)) {
      throw new OutputFileException(path, "it exists and is not writable");
    }
    return out;
  }

  /** The path as given, absolute. */
  public Path path() {
    return path;
  }

  /** The file that is replaced: {@link #path()}, or the final target of its symlinks. */
  public Path resolved() {
    return resolved;
  }

  /**
   * Exclusive right to write this file, held until closed: see {@link OutputLock}.
   *
   * @throws OutputFileException at once when another run (or this process) holds it
   */
  public OutputLock lock() throws IOException {
    return OutputLock.acquire(path, dir, resolved.getFileName().toString());
  }

  /**
   * Removes temp and probe files that runs killed while writing this file left beside it. Call it
   * holding the {@link #lock()}: then no live run owns any of them.
   */
  public void removeStaleTemps() {
    String name = resolved.getFileName().toString();
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(
            dir,
            p -> {
              String n = p.getFileName().toString();
              return n.startsWith("." + name + ".tmp-") || n.startsWith("." + name + ".probe-");
            })) {
      for (Path p : stale) {
        TempDirs.deleteQuietly(p);
      }
    } catch (IOException e) {
      // nothing to clean, or the directory cannot be listed: the write itself will say so
    }
  }

  /** A new, empty, owner-only temp file beside the target, for the new content. */
  public Path newTemp() throws IOException {
    Path tmp = sibling("tmp");
    Files.createFile(tmp, ownerOnly(tmp));
    return tmp;
  }

  /**
   * Renames {@code tmp} (written and forced) over the target, atomically where the file system
   * allows it, with the target's permissions, and makes the rename durable.
   */
  public void replaceWith(Path tmp) throws IOException {
    applyPermissions(tmp);
    try {
      Files.move(tmp, resolved, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, resolved, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory();
  }

  /**
   * The body's bytes as the new content: temp file, fsync, rename; the old file survives errors.
   */
  public void write(Body body) throws IOException {
    Path tmp = newTemp();
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        body.writeTo(out);
        out.flush();
        ch.force(true);
      }
      replaceWith(tmp);
      tmp = null;
    } finally {
      if (tmp != null) {
        TempDirs.deleteQuietly(tmp);
      }
    }
  }

  /** Writes the new content. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private static byte[] randomBytes() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return random;
  }

  private Path sibling(String kind) {
    return dir.resolve(
        "." + resolved.getFileName() + "." + kind + "-" + HexFormat.of().formatHex(randomBytes()));
  }

  /**
   * Creates and deletes a file in the directory: permission bits do not tell the whole story (ACLs,
   * read-only mounts, root). Returns the uid that owns what this process creates.
   */
  private Integer probeUid() throws OutputFileException {
    Path probe = sibling("probe");
    try {
      Files.createFile(probe, ownerOnly(probe));
    } catch (IOException e) {
      throw new OutputFileException(
          path, "directory " + dir + " is not writable (" + reason(e) + ")", e);
    }
    try {
      return uid(probe);
    } finally {
      TempDirs.deleteQuietly(probe);
    }
  }

  /** Follows the last path element's symlinks; {@code links} receives each link passed. */
  private static Path followLinks(Path path, List<Path> links) throws OutputFileException {
    Path p = path;
    while (Files.isSymbolicLink(p)) {
      if (links.size() == MAX_LINKS) {
        throw new OutputFileException(path, "too many levels of symbolic links");
      }
      links.add(p);
      try {
        p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
      } catch (IOException e) {
        throw new OutputFileException(path, "the symbolic link " + p + " cannot be read", e);
      }
    }
    return p;
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private static Integer uid(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      return null; // no unix attributes here: ownership cannot be compared
    }
  }

  static FileAttribute<?>[] ownerOnly(Path p) throws IOException {
    if (!Files.getFileStore(p.getParent())
        .supportsFileAttributeView(PosixFileAttributeView.class)) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)};
  }

  /** 0600, or the old file's owner/group read-write bits with the group kept, never o+rwx. */
  private void applyPermissions(Path tmp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms = EnumSet.copyOf(OWNER_RW);
    PosixFileAttributeView old = Files.getFileAttributeView(resolved, PosixFileAttributeView.class);
    if (Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS) && old != null) {
      var a = old.readAttributes();
      for (PosixFilePermission g :
          List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE)) {
        if (a.permissions().contains(g)) {
          perms.add(g);
        }
      }
      try {
        view.setGroup(a.group());
      } catch (IOException notAMember) {
        perms.removeAll(
            EnumSet.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE)); // our default group is not theirs: owner only
      }
    }
    view.setPermissions(perms);
  }

  static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getClass().getSimpleName();
  }

  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the data itself was forced before the rename
    }
  }
}
