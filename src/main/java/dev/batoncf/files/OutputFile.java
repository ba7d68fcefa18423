package dev.batoncf.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 * process's user or to root (a link planted by someone else in a shared directory is refused),
 * and the link itself stays in place: the temp file is made in the target's directory and
 * renamed over the target. The written file is never world-readable: 0600, or the old file's
 * owner and group permission bits (e.g. 0640) when it existed. Two runs writing one file: the
 * second fails at once with a clear message ({@link #lock()}).
 */
public final class OutputFile {
  private static final int MAX_LINKS = 40;
  private static final Set<PosixFilePermission> OWNER_RW =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /** The one lock file of a directory: see {@link #lock()}. */
  public static final String LOCK_FILE = ".baton-cloudflare.lock";

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
      throw new OutputFileException(path, "it is a symbolic link to "
          + resolved + ", which does not exist; point it at a regular file or remove it");
    }
    if (attrs != null && !attrs.isRegularFile()) {
      throw new OutputFileException(path, "it is "
          + (links.isEmpty() ? "" : "a symbolic link to " + resolved + ", which is ")
          + FileKind.of(resolved, attrs) + ", not a regular file; give the path of a regular file");
    }
    Path dir = resolved.getParent();
    if (!Files.isDirectory(dir)) {
      throw new OutputFileException(path, "directory " + dir
          + " does not exist");
    }
    OutputFile out = new OutputFile(path, resolved);
    Integer uid = out.probeUid();
    for (Path link : links) {
      Integer owner = uid(link);
      if (uid != null && owner != null && !owner.equals(uid) && owner != 0) {
        throw new OutputFileException(path, "the symbolic link " + link
            + " belongs to another user (uid " + owner + "); refusing to write through it");
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
   * Exclusive right to write this file, held until closed: an OS lock (fcntl) on one byte of the
   * directory's hidden {@value #LOCK_FILE}, at an offset derived from the file's name, so runs
   * writing different files of one directory do not wait for each other. That one lock file per
   * directory stays: deleting a lock file cannot be made race-free from Java. A run killed with
   * -9 holds nothing (the kernel drops its locks), so the next run simply takes it.
   *
   * @throws OutputFileException at once when another run (or this process) holds it
   */
  public Lock lock() throws IOException {
    Path lockFile = dir.resolve(LOCK_FILE);
    long offset = offset(resolved.getFileName().toString());
    SharedChannel shared;
    try {
      shared = SharedChannel.open(dir.toRealPath().resolve(LOCK_FILE), lockFile);
    } catch (IOException e) {
      throw new OutputFileException(path, "cannot open the lock file " + lockFile + " ("
          + reason(e) + ")", e);
    }
    FileLock lock = null;
    try {
      lock = shared.channel.tryLock(offset, 1, false);
    } catch (OverlappingFileLockException thisProcess) {
      lock = null;
    } finally {
      if (lock == null) {
        shared.release();
      }
    }
    if (lock == null) {
      throw new OutputFileException(path, "another run is writing it (it holds the lock in "
          + lockFile + "); wait for it to finish");
    }
    return new Lock(shared, lock);
  }

  /** A byte offset for the name, below 2^62 so that offset + 1 never overflows. */
  static long offset(String name) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h).getLong() & 0x3FFF_FFFF_FFFF_FFFFL;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * One channel per lock file in this process. OS file locks belong to the process, and closing
   * any channel on a file drops every lock the process holds on it (POSIX fcntl semantics), so
   * all locks on one lock file go through one channel, closed only when the last is released.
   * Process-wide, like the locks themselves.
   */
  private static final class SharedChannel {
    private static final Map<Path, SharedChannel> OPEN = new HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private int users;

    private SharedChannel(Path key, FileChannel channel) {
      this.key = key;
      this.channel = channel;
    }

    static SharedChannel open(Path key, Path file) throws IOException {
      synchronized (OPEN) {
        SharedChannel s = OPEN.get(key);
        if (s == null) {
          s = new SharedChannel(key, FileChannel.open(file, Set.of(StandardOpenOption.CREATE,
              StandardOpenOption.WRITE), ownerOnly(file)));
          OPEN.put(key, s);
        }
        s.users++;
        return s;
      }
    }

    void release() {
      synchronized (OPEN) {
        if (--users == 0) {
          OPEN.remove(key);
          try {
            channel.close();
          } catch (IOException e) {
            // nothing more to release
          }
        }
      }
    }
  }

  /**
   * Removes temp and probe files that runs killed while writing this file left beside it. Call
   * it holding the {@link #lock()}: then no live run owns any of them.
   */
  public void removeStaleTemps() {
    String name = resolved.getFileName().toString();
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, p -> {
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

  /** The body's bytes as the new content: temp file, fsync, rename; the old file survives errors. */
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

  /** Held while writing; {@link #close()} releases it. */
  public static final class Lock implements AutoCloseable {
    private final SharedChannel shared;
    private final FileLock lock;
    private boolean closed;

    private Lock(SharedChannel shared, FileLock lock) {
      this.shared = shared;
      this.lock = lock;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel releases it too
      }
      shared.release();
    }
  }

  private static byte[] randomBytes() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return random;
  }

  private Path sibling(String kind) {
    return dir.resolve("." + resolved.getFileName() + "." + kind + "-"
        + HexFormat.of().formatHex(randomBytes()));
  }

  /**
   * Creates and deletes a file in the directory: permission bits do not tell the whole story
   * (ACLs, read-only mounts, root). Returns the uid that owns what this process creates.
   */
  private Integer probeUid() throws OutputFileException {
    Path probe = sibling("probe");
    try {
      Files.createFile(probe, ownerOnly(probe));
    } catch (IOException e) {
      throw new OutputFileException(path, "directory " + dir
          + " is not writable (" + reason(e) + ")", e);
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
        throw new OutputFileException(path,
            "too many levels of symbolic links");
      }
      links.add(p);
      try {
        p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
      } catch (IOException e) {
        throw new OutputFileException(path, "the symbolic link " + p
            + " cannot be read", e);
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

  private static FileAttribute<?>[] ownerOnly(Path p) throws IOException {
    if (!Files.getFileStore(p.getParent()).supportsFileAttributeView(
        PosixFileAttributeView.class)) {
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
    PosixFileAttributeView old = Files.getFileAttributeView(resolved,
        PosixFileAttributeView.class);
    if (Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS) && old != null) {
      var a = old.readAttributes();
      for (PosixFilePermission g : List.of(PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE)) {
        if (a.permissions().contains(g)) {
          perms.add(g);
        }
      }
      try {
        view.setGroup(a.group());
      } catch (IOException notAMember) {
        perms.removeAll(EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE)); // our default group is not theirs: owner only
      }
    }
    view.setPermissions(perms);
  }

  private static String reason(IOException e) {
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
