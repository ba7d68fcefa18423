package dev.batoncf.c1z;

import dev.batoncf.files.OutputFile;
import dev.batoncf.files.OutputLock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The user's output file, as {@link OutputFile} checks and replaces it: only ever replaced whole,
 * through a hidden owner-only sibling {@code .<name>.tmp-<random>} that is fsynced and renamed over
 * it, so a crash leaves either the old file or the new one; never a device, FIFO or directory;
 * symlinks followed to a regular file.
 */
final class TargetFile {

  private final OutputFile file;

  private TargetFile(OutputFile file) {
    this.file = file;
  }

  /** The path as given, absolute. */
  Path path() {
    return file.path();
  }

  /**
   * Fails now, before any sync work, if the file could not be written later (see {@link
   * OutputFile#check}).
   */
  static TargetFile checkWritable(Path target) throws IOException {
    return new TargetFile(OutputFile.check(target));
  }

  /** Exclusive right to write the file; then the leftovers of killed runs beside it go. */
  OutputLock lock() throws IOException {
    OutputLock lock = file.lock();
    file.removeStaleTemps();
    return lock;
  }

  /** A fresh, empty, owner-only hidden file next to the target, for the new content. */
  Path newTempSibling() throws IOException {
    return file.newTemp();
  }

  /** Renames {@code tmp} over the target atomically where the file system allows it. */
  void replaceWith(Path tmp) throws IOException {
    file.replaceWith(tmp);
  }
}
