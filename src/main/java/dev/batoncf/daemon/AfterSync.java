package dev.batoncf.daemon;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A step run after each good sync, in order, e.g. the diff against the previous sync or an
 * access-review report. A step writes its output as a sibling of the new file ({@link
 * Context#sibling}), so retention deletes it with the sync, and should write atomically ({@link
 * dev.batoncf.files.OutputFile#write}). A failing step is logged and counted ({@code
 * baton_cloudflare_after_sync_failures_total{step}}) but never undoes the sync; the steps after it
 * still run.
 */
public interface AfterSync {
  /** Short name for logs and metrics: "diff", "report". */
  String name();

  void run(Context context) throws Exception;

  /**
   * @param previous the good sync before this one, or null for the first
   * @param current the sync just written
   * @param workDir a private directory for temp files (emptied at every start)
   */
  record Context(SyncFile previous, SyncFile current, Instant finishedAt, Path workDir) {
    /** {@code <current stem>.<suffix>}: where the step's output goes. */
    public Path sibling(String suffix) {
      return current.sibling(suffix);
    }
  }
}
