package dev.batoncf.c1z;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The private working directories of writers and readers, made by {@link
 * dev.batoncf.files.TempDirs} (owner pid in the name, stale ones of killed runs removed).
 */
final class TempDirs {

  private TempDirs() {}

  /**
   * A new directory under {@code parent}, or under the JVM's temp directory when null; {@code
   * prefix} names its use ("baton-c1z-read-" becomes kind "c1zread").
   */
  static Path create(Path parent, String prefix) throws IOException {
    String kind =
        prefix.toLowerCase(Locale.ROOT).replaceFirst("^baton-", "").replaceAll("[^a-z0-9]", "");
    return dev.batoncf.files.TempDirs.create(parent, kind.isEmpty() ? "c1z" : kind);
  }

  static void deleteQuietly(Path file) {
    dev.batoncf.files.TempDirs.deleteQuietly(file);
  }

  /** Deletes the directory and the files in it. */
  static void deleteTree(Path dir) {
    dev.batoncf.files.TempDirs.deleteTree(dir);
  }
}
