package dev.batoncf.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A report or diff written to a file: checked before any work, written to a hidden sibling that is
 * readable by its owner only, fsynced, then renamed over the target. A failure leaves the previous
 * file as it was. Only a missing path or a regular file is replaced: a directory, device, FIFO,
 * socket or symbolic link is refused, so {@code --out /dev/null} can never swap a device for a file.
 */
public final class ReportFile {
  private final Path target;
  private final Path dir;

  private ReportFile(Path target, Path dir) {
    this.target = target;
    this.dir = dir;
  }

  /** Something that writes the whole content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Thrown before anything is written when the target can never be written. */
  public static final class UnusableTarget extends IOException {
    UnusableTarget(String message) {
      super(message);
    }
  }

  /** Checks that {@code target} can be written, without writing anything yet. */
  public static ReportFile checked(Path target) throws UnusableTarget {
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null || abs.getFileName() == null) {
      throw new UnusableTarget("cannot write " + target + ": not a file path");
    }
    if (!Files.isDirectory(dir)) {
      throw new UnusableTarget("cannot write " + target + ": directory " + dir + " does not exist");
    }
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new UnusableTarget("refusing to write " + target + ": it exists and is not a regular "
          + "file (a directory, device, pipe, socket or symbolic link)");
    }
    if (!Files.isWritable(dir)) {
      throw new UnusableTarget("cannot write " + target + ": directory " + dir + " is not writable");
    }
    return new ReportFile(abs, dir);
  }

  public Path path() {
    return target;
  }

  /** Writes {@code content} in UTF-8 and replaces the target with it. */
  public void write(Content content) throws IOException {
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + random());
    try {
      create(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
           OutputStream os = Channels.newOutputStream(ch);
           Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8),
               1 << 16)) {
        content.writeTo(w);
        w.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory();
  }

  /** Owner read/write only, from creation on (not chmod after: no moment of a readable file). */
  private static void create(Path tmp) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(tmp);
    }
  }

  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: the file's bytes were forced before the rename.
    }
  }

  private static String random() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
