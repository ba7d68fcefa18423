package dev.batoncf.sync;

import java.time.Duration;

/** What a sync reports while it runs. The CLI draws it on a terminal; elsewhere it is silent. */
public interface Progress {
  Progress NONE = new Progress() {};

  default void feedStarted(String feed) {}

  default void pageFetched(String feed, int page, int items, boolean last) {}

  default void rowsWritten(long rows) {}

  default void rateLimitWait(Duration wait) {}

  default void feedSkipped(String feed, String reason) {}

  default void finished() {}
}
