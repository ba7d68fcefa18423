package dev.batoncf.server;

import com.google.protobuf.Timestamp;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.model.AuditPage;
import dev.batoncf.cloudflare.model.AuditRecord;
import dev.batoncf.connector.BatonEvents;
import dev.batoncf.pb.connector.v2.Event;
import dev.batoncf.pb.connector.v2.EventFeedMetadata;
import dev.batoncf.pb.connector.v2.ListEventFeedsResponse;
import dev.batoncf.pb.connector.v2.ListEventsRequest;
import dev.batoncf.pb.connector.v2.ListEventsResponse;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Baton's event feed over Cloudflare's v2 audit log: each ListEvents reads one audit-log page (no
 * loop here: the host pages), maps it ({@link BatonEvents}) and answers with a signed cursor
 * ({@link EventCursors}). A window [since, before) is read to its end; the next window starts
 * {@link #OVERLAP} before the end of the last, because a record can reach the log a little after
 * its time, and events already sent from that overlap are not sent twice.
 */
final class EventFeed {
  static final int DEFAULT_PAGE_SIZE = 100;
  static final int MAX_PAGE_SIZE = CloudflareClient.AUDIT_MAX_PAGE;

  /** Cloudflare keeps v2 audit logs for 30 days (cloudflare-api.md §17). */
  static final Duration RETENTION = Duration.ofDays(30);

  /** Without start_at a feed starts this far back. */
  static final Duration DEFAULT_LOOKBACK = Duration.ofHours(24);

  static final Duration OVERLAP = Duration.ofSeconds(30);

  /** Ids remembered from the overlap; a cursor stays far below Baton's 4096 characters. */
  static final int MAX_SEEN = 40;

  private final CloudflareClient client;
  private final EventCursors cursors;
  private final Clock clock;

  EventFeed(CloudflareClient client, EventCursors cursors, Clock clock) {
    this.client = client;
    this.cursors = cursors;
    this.clock = clock;
  }

  ListEventFeedsResponse listEventFeeds() {
    return ListEventFeedsResponse.newBuilder()
        .addList(
            EventFeedMetadata.newBuilder()
                .setId(BatonEvents.FEED_ID)
                .addAllSupportedEventTypes(BatonEvents.SUPPORTED))
        .build();
  }

  ListEventsResponse listEvents(ListEventsRequest req) {
    String feed = req.getEventFeedId().isEmpty() ? BatonEvents.FEED_ID : req.getEventFeedId();
    if (!feed.equals(BatonEvents.FEED_ID)) {
      throw Status.NOT_FOUND
          .withDescription(
              "unknown event feed '"
                  + feed
                  + "' (this connector "
                  + "has "
                  + BatonEvents.FEED_ID
                  + ")")
          .asRuntimeException();
    }
    if (req.getPageSize() > MAX_PAGE_SIZE) {
      throw Status.INVALID_ARGUMENT
          .withDescription("page_size must be at most " + MAX_PAGE_SIZE)
          .asRuntimeException();
    }
    int size = req.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : req.getPageSize();
    Instant now = clock.instant();
    EventCursors.State state =
        req.getCursor().isEmpty()
            ? new EventCursors.State(feed, start(req, now), null, null, List.of())
            : cursors.decode(req.getCursor(), feed);
    if (state.since().isBefore(now.minus(RETENTION))) {
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "the feed position "
                  + state.since()
                  + " is older than the audit log's 30 days: events may be lost; "
                  + "run a full sync and start the feed again")
          .asRuntimeException();
    }
    Instant before = state.before() != null ? state.before() : now;
    AuditPage page =
        client.auditLogs(state.since().toString(), before.toString(), state.upstream(), size);
    Set<String> seen = new LinkedHashSet<>(state.seen());
    List<Event> events = new ArrayList<>();
    for (AuditRecord r : page.records()) {
      if (r.id() != null && seen.contains(r.id())) {
        continue; // sent from the previous window's overlap
      }
      events.addAll(BatonEvents.of(r));
    }
    // Ids the next window's overlap will see again: this page's records from its last
    // OVERLAP, added to those of earlier pages (the newest MAX_SEEN; a repeat beyond them is a
    // duplicate event, harmless, never a lost one).
    Instant overlapFrom = before.minus(OVERLAP);
    List<String> remembered = new ArrayList<>(seen);
    for (AuditRecord r : page.records()) {
      Timestamp t = r.action() == null ? null : timeOf(r);
      if (r.id() != null
          && t != null
          && !instant(t).isBefore(overlapFrom)
          && !remembered.contains(r.id())) {
        remembered.add(r.id());
      }
    }
    List<String> kept =
        remembered.subList(Math.max(0, remembered.size() - MAX_SEEN), remembered.size());
    boolean more = page.nextCursor() != null;
    EventCursors.State next =
        more
            ? new EventCursors.State(feed, state.since(), before, page.nextCursor(), kept)
            : new EventCursors.State(feed, overlapFrom, null, null, kept);
    return ListEventsResponse.newBuilder()
        .addAllEvents(events)
        .setCursor(cursors.encode(next))
        .setHasMore(more)
        .build();
  }

  private static Instant start(ListEventsRequest req, Instant now) {
    if (!req.hasStartAt()) {
      return now.minus(DEFAULT_LOOKBACK);
    }
    Instant at = instant(req.getStartAt());
    return at.isAfter(now) ? now : at;
  }

  private static Timestamp timeOf(AuditRecord r) {
    List<Event> mapped = BatonEvents.of(r);
    return mapped.isEmpty() ? null : mapped.get(0).getOccurredAt();
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
