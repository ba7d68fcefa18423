package dev.batoncf.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest {@code keep} good syncs and deletes older ones with their siblings (diff,
 * report). The newest good file is never deleted: {@code keep} is at least 1.
 */
public final class Retention {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  private final int keep;

  public Retention(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("--keep must be at least 1");
    }
    this.keep = keep;
  }

  public int keep() {
    return keep;
  }

  /** Deletes the oldest files beyond {@code keep}; returns the syncs removed, oldest first. */
  public List<SyncFile> prune(SyncFiles files) throws IOException {
    List<SyncFile> all = files.list();
    List<SyncFile> removed = new ArrayList<>();
    for (int i = 0; i < all.size() - keep; i++) {
      SyncFile old = all.get(i);
      // siblings first: a crash in between leaves a complete sync, never an orphan c1z's diff
      for (Path sibling : files.siblings(old)) {
        Files.deleteIfExists(sibling);
      }
      Files.deleteIfExists(old.path());
      removed.add(old);
      log.info("retention: removed {} (keeping the newest {})", old.name(), keep);
    }
    return removed;
  }
}
