package dev.batoncf.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What a path is, in words for a one-line refusal: "a directory", "a FIFO (named pipe)", … */
public final class FileKind {
  private FileKind() {}

  /** The kind of what {@code p} names (symlinks not followed). */
  public static String of(Path p) {
    try {
      return of(p, Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return "nothing that can be read";
    }
  }

  static String of(Path p, BasicFileAttributes attrs) {
    if (attrs.isRegularFile()) {
      return "a regular file";
    }
    if (attrs.isDirectory()) {
      return "a directory";
    }
    if (attrs.isSymbolicLink()) {
      return "a symbolic link";
    }
    try {
      int type =
          ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
      switch (type) {
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0010000:
          return "a FIFO (named pipe)";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | RuntimeException e) {
      // no unix view: the generic word below
    }
    return "a special file";
  }
}
