package dev.batoncf.connector;

import dev.batoncf.cloudflare.model.Page;
import java.util.List;

/**
 * One Cloudflare list, read once per sync at {@code pageSize}; every page goes to every handler.
 * The sync engine owns the page loop; a feed only knows how to fetch page N.
 *
 * @param name shown in progress and summaries, e.g. "members"
 * @param when what to do when Cloudflare denies or lacks the list on its first page
 * @param permission the token permission the list needs, named when it is skipped
 * @param consequence what a skip leaves unknown, added to the skip reason (null: nothing)
 */
public record Feed<T>(
    String name,
    int pageSize,
    Fetcher<T> fetcher,
    List<PageHandler<T>> handlers,
    WhenUnavailable when,
    String permission,
    String consequence) {

  public Feed(
      String name,
      int pageSize,
      Fetcher<T> fetcher,
      List<PageHandler<T>> handlers,
      WhenUnavailable when,
      String permission) {
    this(name, pageSize, fetcher, handlers, when, permission, null);
  }

  /** How a feed that Cloudflare refuses (403) or lacks (404) on page 1 affects the sync. */
  public enum WhenUnavailable {
    /** The sync fails: the data is essential. */
    FAIL,
    /** The sync goes on without it and warns: a permission is probably missing. */
    SKIP_WITH_WARNING,
    /** The sync goes on and says so once at info level: an optional product feature. */
    SKIP_WITH_INFO
  }

  /** Fetches one page; the only thing a feed does over HTTP. */
  @FunctionalInterface
  public interface Fetcher<T> {
    Page<T> fetch(int page, int perPage);
  }
}
