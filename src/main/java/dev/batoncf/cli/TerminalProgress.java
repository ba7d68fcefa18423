package dev.batoncf.cli;

import dev.batoncf.sync.Progress;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress on one redrawn stderr line: pages fetched, rows written, time spent waiting on the rate
 * limit. Only used when stderr is a terminal; redraws at most every 100 ms.
 */
final class TerminalProgress implements Progress {
  private final PrintWriter err;
  private String feed = "";
  private int pages;
  private long rows;
  private long waitMillis;
  private long lastDraw;

  TerminalProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void feedStarted(String name) {
    feed = name;
    draw(true);
  }

  @Override
  public synchronized void pageFetched(String name, int page, int items, boolean last) {
    pages++;
    draw(last);
  }

  @Override
  public synchronized void rowsWritten(long total) {
    rows = total;
    draw(false);
  }

  @Override
  public synchronized void rateLimitWait(Duration wait) {
    waitMillis += wait.toMillis();
    draw(true);
  }

  @Override
  public synchronized void finished() {
    err.print("\r\033[K");
    err.flush();
  }

  private void draw(boolean force) {
    long now = System.currentTimeMillis();
    if (!force && now - lastDraw < 100) {
      return;
    }
    lastDraw = now;
    String wait =
        waitMillis > 0
            ? String.format(", waited %.1fs for the rate limit", waitMillis / 1000.0)
            : "";
    err.printf("\r\033[Ksyncing %s: %d pages fetched, %,d rows written%s", feed, pages, rows, wait);
    err.flush();
  }
}
