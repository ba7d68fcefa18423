package dev.batoncf.sync;

import dev.batoncf.c1z.SyncTimings;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.Feed;
import dev.batoncf.connector.RowSink;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One full sync. Walks like Baton's syncer (types, then every feed's resources, entitlements and
 * grants) but reads each Cloudflare list exactly once, through the one page loop ({@link
 * FeedCursor}), streaming rows into the store as pages arrive, so memory does not grow with the
 * account.
 */
public final class SyncEngine {
  private final Progress progress;

  public SyncEngine(Progress progress) {
    this.progress = Objects.requireNonNull(progress);
  }

  /** Runs a full sync into {@code store} and finishes it; on any failure nothing is finished. */
  public SyncResult run(CloudflareConnector connector, SyncStore store, String syncId) {
    return run(connector, store, syncId, SyncScope.ALL);
  }

  /**
   * As {@link #run(CloudflareConnector, SyncStore, String)}, writing only what {@code scope} keeps
   * and reading only the lists that can yield it. A targeted resource Cloudflare does not have is
   * left out and named in {@link SyncResult#skipped()}, as Baton skips a NOT_FOUND one.
   */
  public SyncResult run(
      CloudflareConnector connector, SyncStore store, String syncId, SyncScope scope) {
    return run(
        connector, scope, typeIds -> connector.feeds(scope.typesNeeded(typeIds)), store, syncId);
  }

  /** A whole sync over the given feeds (asked for after validation): the incremental sync's. */
  public SyncResult run(
      CloudflareConnector connector,
      Supplier<List<Feed<?>>> feeds,
      SyncStore store,
      String syncId) {
    return run(connector, SyncScope.ALL, typeIds -> feeds.get(), store, syncId);
  }

  private SyncResult run(
      CloudflareConnector connector,
      SyncScope scope,
      Function<List<String>, List<Feed<?>>> feeds,
      SyncStore store,
      String syncId) {
    long start = System.nanoTime();
    var client = connector.client();
    long attemptsBefore = client.metrics().totalAttempts();
    Map<String, Long> callsBefore = client.metrics().callsByEndpoint();
    Duration httpBefore = client.httpTime();
    Duration waitBefore = client.metrics().totalRateLimitWait();
    Duration retryBefore = client.metrics().totalRetryWait();
    connector.validate();
    Counting sink = new Counting(store, progress);
    List<String> typeIds = connector.resourceTypes().stream().map(ResourceType::getId).toList();
    for (ResourceType t : connector.resourceTypes()) {
      if (scope.keepsType(t.getId())) {
        store.putResourceType(t);
        sink.resourcesByType.put(t.getId(), 0L);
      }
    }
    ScopedSink scoped = new ScopedSink(sink, scope);
    FeedCursor cursor =
        new FeedCursor(feeds.apply(typeIds), scope.everything() ? sink : scoped, progress);
    while (cursor.step()) {
      // one upstream page per step; the cursor hands each page to its handlers
      progress.rowsWritten(sink.rows);
    }
    progress.rowsWritten(sink.rows);
    List<String> skipped = new java.util.ArrayList<>(cursor.skipped());
    scoped
        .missingTargets()
        .forEach(t -> skipped.add(t.getResourceType() + " " + t.getResource() + " not found"));
    store.timings(
        timings(
            cursor,
            client.metrics().totalRateLimitWait().minus(waitBefore),
            client.metrics().totalRetryWait().minus(retryBefore)));
    store.finish();
    progress.finished();
    Map<String, Long> calls = new java.util.TreeMap<>();
    client
        .metrics()
        .callsByEndpoint()
        .forEach(
            (k, v) -> {
              long n = v - callsBefore.getOrDefault(k, 0L);
              if (n > 0) {
                calls.put(k, n);
              }
            });
    return new SyncResult(
        syncId,
        new LinkedHashMap<>(sink.resourcesByType),
        sink.entitlements,
        sink.grants,
        List.copyOf(skipped),
        client.metrics().totalAttempts() - attemptsBefore,
        calls,
        Duration.ofNanos(System.nanoTime() - start),
        client.httpTime().minus(httpBefore),
        client.metrics().totalRateLimitWait().minus(waitBefore));
  }

  /** The cursor's per-feed figures plus Baton's two wait buckets, when anything was waited. */
  private static SyncTimings timings(
      FeedCursor cursor, Duration rateLimitWait, Duration retryWait) {
    SyncTimings t = cursor.timings();
    Map<String, Long> steps = new LinkedHashMap<>(t.stepDurationsMs());
    if (!rateLimitWait.isZero()) {
      steps.put("rate_limit_wait", rateLimitWait.toMillis());
    }
    if (!retryWait.isZero()) {
      steps.put("retry_wait", retryWait.toMillis());
    }
    return new SyncTimings(steps, t.callStats());
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
