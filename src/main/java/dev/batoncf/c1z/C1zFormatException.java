package dev.batoncf.c1z;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A c1z file could not be read. The message is one line meant for the user; callers branch on
 * {@link #reason()}, never on the text.
 */
public final class C1zFormatException extends IOException {

  /** Why the file was rejected. */
  public enum Reason {
    /** No file at the path. */
    MISSING,
    /** The first bytes are not a c1z magic. */
    NOT_C1Z,
    /** A c1z, but a format this reader does not handle (v3 / Pebble). */
    UNSUPPORTED_VERSION,
    /** The zstd stream or the SQLite payload inside it is damaged. */
    CORRUPT,
    /** The payload decodes to more than the reader's limits allow (a zstd bomb, or a huge file). */
    TOO_LARGE,
    /** The path is not a regular file (a directory, FIFO, device). */
    NOT_A_FILE,
    /** The file holds no sync run with an end time. */
    NO_FINISHED_SYNC,
    /** A sync id was asked for that the file does not hold. */
    UNKNOWN_SYNC
  }

  private final Reason reason;
  private final transient Path file;

  C1zFormatException(Reason reason, Path file, String message) {
    this(reason, file, message, null);
  }

  C1zFormatException(Reason reason, Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.file = file;
  }

  public Reason reason() {
    return reason;
  }

  public Path file() {
    return file;
  }
}
