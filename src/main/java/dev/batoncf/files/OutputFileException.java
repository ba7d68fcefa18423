package dev.batoncf.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output path that cannot be used: not a regular file, a refused symlink, a missing or
 * unwritable directory, or a file another run is writing. The message is one line, "cannot write
 * PATH: REASON"; {@link #reason()} is the part after the path, for callers that name the path their
 * own way (e.g. "--file x.c1z: …").
 */
public final class OutputFileException extends IOException {
  private final transient Path path;
  private final String reason;

  public OutputFileException(Path path, String reason) {
    this(path, reason, null);
  }

  public OutputFileException(Path path, String reason, Throwable cause) {
    super("cannot write " + path + ": " + reason, cause);
    this.path = path;
    this.reason = reason;
  }

  public Path path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
