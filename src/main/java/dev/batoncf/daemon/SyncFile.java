package dev.batoncf.daemon;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One good sync in the output directory, {@code sync-20250102T030405.123Z.c1z}, named after the
 * time its sync started (UTC, so names sort by time). Files written for it afterwards (the diff, a
 * report) are its siblings: {@code <stem>.<suffix>}, deleted with it by retention.
 */
public record SyncFile(Path path, Instant startedAt) {
  /** The name without {@code .c1z}: {@code sync-20250102T030405.123Z}. */
  public String stem() {
    String name = path.getFileName().toString();
    return name.substring(0, name.length() - SyncFiles.EXTENSION.length());
  }

  /** {@code <stem>.<suffix>} beside the file, e.g. {@code sibling("diff.json")}. */
  public Path sibling(String suffix) {
    return path.resolveSibling(stem() + "." + suffix);
  }

  public String name() {
    return path.getFileName().toString();
  }
}
