package dev.batoncf.sync;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.Feed;
import dev.batoncf.connector.PageHandler;
import dev.batoncf.connector.RowSink;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only page loop. Walks like Baton's syncer (types, then every feed's resources, entitlements
 * and grants) but reads each Cloudflare list exactly once, streaming rows into the store as pages
 * arrive, so memory does not grow with the account.
 */
public final class SyncEngine {
  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
  /** 50 items a page × 100k pages: far beyond any account; a loop guard, not a limit. */
  static final int MAX_PAGES = 100_000;

  private final Progress progress;

  public SyncEngine(Progress progress) {
    this.progress = Objects.requireNonNull(progress);
  }

  /** Runs a full sync into {@code store} and finishes it; on any failure nothing is finished. */
  public SyncResult run(CloudflareConnector connector, SyncStore store, String syncId) {
    long start = System.nanoTime();
    var client = connector.client();
    long attemptsBefore = client.metrics().totalAttempts();
    Map<String, Long> callsBefore = client.metrics().callsByEndpoint();
    Duration httpBefore = client.httpTime();
    Duration waitBefore = client.metrics().totalRateLimitWait();
    connector.validate();
    Counting sink = new Counting(store, progress);
    for (ResourceType t : connector.resourceTypes()) {
      store.putResourceType(t);
      sink.resourcesByType.put(t.getId(), 0L);
    }
    List<String> skipped = new ArrayList<>();
    for (Feed<?> feed : connector.feeds()) {
      String reason = runFeed(feed, sink);
      if (reason != null) {
        skipped.add(reason);
      }
    }
    store.finish();
    progress.finished();
    Map<String, Long> calls = new java.util.TreeMap<>();
    client.metrics().callsByEndpoint().forEach((k, v) -> {
      long n = v - callsBefore.getOrDefault(k, 0L);
      if (n > 0) {
        calls.put(k, n);
      }
    });
    return new SyncResult(syncId, new LinkedHashMap<>(sink.resourcesByType), sink.entitlements,
        sink.grants, List.copyOf(skipped), client.metrics().totalAttempts() - attemptsBefore,
        calls, Duration.ofNanos(System.nanoTime() - start), client.httpTime().minus(httpBefore),
        client.metrics().totalRateLimitWait().minus(waitBefore));
  }

  /** Returns null when the feed ran, or why it was skipped. */
  private <T> String runFeed(Feed<T> feed, RowSink sink) {
    progress.feedStarted(feed.name());
    Page<T> previous = null;
    for (int page = 1; ; page++) {
      if (page > MAX_PAGES) {
        throw new IllegalStateException("Cloudflare kept returning pages of " + feed.name()
            + " past " + MAX_PAGES + "; stopping instead of looping forever");
      }
      Page<T> current;
      try {
        current = feed.fetcher().fetch(page, feed.pageSize());
      } catch (CloudflareException.PermissionDenied | CloudflareException.NotFound e) {
        if (feed.when() == Feed.WhenUnavailable.FAIL || page > 1) {
          throw e;
        }
        String reason = feed.name() + " skipped: not available to this credential or account"
            + " (needs '" + feed.permission() + "')";
        if (feed.when() == Feed.WhenUnavailable.SKIP_WITH_INFO) {
          log.info("{}", reason);
        } else {
          log.warn("{}: {}", reason, e.getMessage());
        }
        progress.feedSkipped(feed.name(), reason);
        return reason;
      }
      if (previous != null && !current.items().isEmpty()
          && current.items().equals(previous.items())) {
        throw new IllegalStateException("Cloudflare returned the same " + feed.name()
            + " page twice (page " + page + "); stopping instead of looping forever");
      }
      for (PageHandler<T> h : feed.handlers()) {
        h.onPage(current.items(), sink);
      }
      progress.pageFetched(feed.name(), page, current.items().size(), current.last());
      if (current.last()) {
        break;
      }
      previous = current;
    }
    for (PageHandler<T> h : feed.handlers()) {
      h.onEnd(sink);
    }
    return null;
  }

  /** Counts rows per kind on their way to the store. */
  private static final class Counting implements RowSink {
    private final SyncStore store;
    private final Progress progress;
    final Map<String, Long> resourcesByType = new LinkedHashMap<>();
    long entitlements;
    long grants;
    long rows;

    Counting(SyncStore store, Progress progress) {
      this.store = store;
      this.progress = progress;
    }

    @Override
    public void resource(Resource r) {
      store.putResource(r);
      resourcesByType.merge(r.getId().getResourceType(), 1L, Long::sum);
      tick();
    }

    @Override
    public void entitlement(Entitlement e) {
      store.putEntitlement(e);
      entitlements++;
      tick();
    }

    @Override
    public void grant(Grant g) {
      store.putGrant(g);
      grants++;
      tick();
    }

    private void tick() {
      if (++rows % 1000 == 0) {
        progress.rowsWritten(rows);
      }
    }
  }
}
