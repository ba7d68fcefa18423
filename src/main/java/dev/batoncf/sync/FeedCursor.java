package dev.batoncf.sync;

import dev.batoncf.c1z.SyncTimings;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.PageGuard;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.connector.Feed;
import dev.batoncf.connector.PageHandler;
import dev.batoncf.connector.RowSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page loop, one upstream page per {@link #step()}: feeds in order, each read once at its page
 * size until its last page, every page handed to every handler, then the handlers' end-of-feed
 * rows. {@link SyncEngine} steps it to the end in one go; the gRPC server steps it once per host
 * request. Both therefore read exactly the same pages and derive exactly the same rows.
 *
 * <p>Every page passes the {@link PageGuard} first, so a list that repeats, runs on or stops short
 * of what it announced fails the sync instead of looping or writing a partial list. A step that
 * throws changes nothing: the next step fetches the same page again. Not thread-safe; callers
 * serialize steps. A feed's handlers may add feeds to read right after it.
 */
public final class FeedCursor {
  private static final Logger log = LoggerFactory.getLogger(FeedCursor.class);

  private final List<Feed<?>> feeds;
  private final RowSink sink;
  private final Progress progress;
  private final List<String> skipped = new ArrayList<>();
  private int feedIndex;
  private int page = 1;
  private PageGuard guard;
  private long steps;

  /** Per feed: pages fetched, nanoseconds in the fetch, slowest fetch, whole steps. */
  private final Map<String, long[]> timing = new LinkedHashMap<>();

  public FeedCursor(List<Feed<?>> feeds, RowSink sink, Progress progress) {
    this.feeds = new ArrayList<>(feeds);
    this.sink = Objects.requireNonNull(sink);
    this.progress = Objects.requireNonNull(progress);
  }

  /** Every feed has been read to its end (or skipped). */
  public boolean done() {
    return feedIndex >= feeds.size();
  }

  /** Steps taken so far; each one fetched one upstream page. */
  public long steps() {
    return steps;
  }

  /** Feeds left out so far, each with the reason (e.g. a missing token permission). */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  /**
   * Fetches the next upstream page and hands it to its handlers (and, after a feed's last page,
   * runs their end-of-feed step). Returns false, without any request, when already done.
   */
  public boolean step() {
    if (done()) {
      return false;
    }
    Feed<?> feed = feeds.get(feedIndex);
    long start = System.nanoTime();
    try {
      stepFeed(feed);
    } finally {
      timing.computeIfAbsent(feed.name(), k -> new long[4])[3] += System.nanoTime() - start;
    }
    steps++;
    return true;
  }

  /**
   * Time per feed for the sync's cached stats: {@code feed:<name>} steps (fetching and turning
   * pages into rows) and {@code fetch:<name>} calls (one per page fetched).
   */
  public SyncTimings timings() {
    Map<String, Long> stepsMs = new LinkedHashMap<>();
    Map<String, SyncTimings.CallStat> calls = new LinkedHashMap<>();
    timing.forEach(
        (name, t) -> {
          String key = name.replace(' ', '_');
          stepsMs.put("feed:" + key, t[3] / 1_000_000);
          if (t[0] > 0) {
            calls.put(
                "fetch:" + key, new SyncTimings.CallStat(t[0], t[1] / 1_000_000, t[2] / 1_000_000));
          }
        });
    return new SyncTimings(stepsMs, calls);
  }

  private <T> void stepFeed(Feed<T> feed) {
    if (page == 1) {
      progress.feedStarted(feed.name());
      if (guard == null) {
        guard = new PageGuard(feed.name());
      }
    }
    Page<T> current;
    long fetchStart = System.nanoTime();
    try {
      current = feed.fetcher().fetch(page, feed.pageSize());
      long took = System.nanoTime() - fetchStart;
      long[] t = timing.computeIfAbsent(feed.name(), k -> new long[4]);
      t[0]++;
      t[1] += took;
      t[2] = Math.max(t[2], took);
    } catch (CloudflareException.PermissionDenied | CloudflareException.NotFound e) {
      if (feed.when() == Feed.WhenUnavailable.FAIL || page > 1) {
        throw e;
      }
      skip(feed, e);
      return;
    }
    boolean last = guard.last(current);
    for (PageHandler<T> h : feed.handlers()) {
      h.onPage(current.items(), sink);
    }
    progress.pageFetched(feed.name(), page, current.items().size(), last);
    if (!last) {
      page++;
      return;
    }
    List<Feed<?>> next = new ArrayList<>();
    for (PageHandler<T> h : feed.handlers()) {
      h.onEnd(sink);
      next.addAll(h.followUps());
    }
    feeds.addAll(feedIndex + 1, next);
    nextFeed();
  }

  private void skip(Feed<?> feed, CloudflareException e) {
    String reason =
        feed.name()
            + " skipped: not available to this credential or account"
            + " (needs '"
            + feed.permission()
            + "')"
            + (feed.consequence() == null ? "" : "; " + feed.consequence());
    if (feed.when() == Feed.WhenUnavailable.SKIP_WITH_INFO) {
      log.info("{}", reason);
    } else {
      log.warn("{}: {}", reason, e.getMessage());
    }
    progress.feedSkipped(feed.name(), reason);
    skipped.add(reason);
    nextFeed();
  }

  private void nextFeed() {
    feedIndex++;
    page = 1;
    guard = null;
  }
}
