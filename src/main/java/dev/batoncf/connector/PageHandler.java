package dev.batoncf.connector;

import java.util.List;

/** Turns one page of a Cloudflare list into rows. Pure with respect to HTTP: it never fetches. */
public interface PageHandler<T> {
  void onPage(List<T> items, RowSink sink);

  /** Called once after the last page, for rows that need the whole list (e.g. synthetic roles). */
  default void onEnd(RowSink sink) {}

  /**
   * Feeds to read right after this one, decided from what it read (e.g. one members list per user
   * group); asked once, after {@link #onEnd}.
   */
  default List<Feed<?>> followUps() {
    return List.of();
  }
}
