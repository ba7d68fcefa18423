package dev.batoncf.sync;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.model.AuditPage;
import dev.batoncf.cloudflare.model.AuditRecord;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.connector.AuditEvents;
import dev.batoncf.connector.Delta;
import dev.batoncf.connector.Feed;
import dev.batoncf.connector.PageHandler;
import dev.batoncf.connector.RowSink;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the audit log between two instants, oldest first, through the sync's one page loop ({@link
 * FeedCursor}: the cursor of page N is remembered to fetch page N+1, and every page passes the page
 * guard), and turns the records into a {@link Delta} with the table of {@link AuditEvents}. Records
 * are de-duplicated on {@code id}.
 */
final class AuditScan {
  /** The v1 log's token group; v2's was not readable (cloudflare-api.md §17). */
  static final String AUDIT_PERMISSION = "Account Settings Read";

  /**
   * The outcome: the delta, or why it cannot be trusted (the first record not understood or not
   * re-fetchable), and the pages read.
   */
  record Outcome(Delta delta, String untrusted, long pages, int records) {}

  private final CloudflareClient client;
  private final AuditEvents events;

  AuditScan(CloudflareClient client, AuditEvents events) {
    this.client = client;
    this.events = events;
  }

  Outcome read(Instant since, Instant before) {
    Collector collector = new Collector(events);
    Feed<AuditRecord> feed =
        new Feed<>(
            "audit log",
            CloudflareClient.AUDIT_MAX_PAGE,
            new CursorFetcher(client, since.toString(), before.toString()),
            List.of(collector),
            Feed.WhenUnavailable.FAIL,
            AUDIT_PERMISSION);
    FeedCursor cursor = new FeedCursor(List.of(feed), NO_ROWS, Progress.NONE);
    while (cursor.step()) {
      // one audit-log page per step
    }
    return new Outcome(
        new Delta(collector.members, collector.tokens),
        collector.untrusted,
        cursor.steps(),
        collector.seen.size());
  }

  /** Page N is fetched with the cursor page N-1 returned; a repeated page reuses its cursor. */
  private static final class CursorFetcher implements Feed.Fetcher<AuditRecord> {
    private final CloudflareClient client;
    private final String since;
    private final String before;
    private final Map<Integer, String> cursors = new HashMap<>();

    CursorFetcher(CloudflareClient client, String since, String before) {
      this.client = client;
      this.since = since;
      this.before = before;
    }

    @Override
    public Page<AuditRecord> fetch(int page, int perPage) {
      String cursor = page == 1 ? null : cursors.get(page - 1);
      AuditPage p = client.auditLogs(since, before, cursor, perPage);
      boolean last = p.nextCursor() == null;
      if (!last) {
        cursors.put(page, p.nextCursor());
      }
      return new Page<>(p.records(), page, perPage, -1, last);
    }
  }

  private static final class Collector implements PageHandler<AuditRecord> {
    private final AuditEvents events;
    final Set<String> seen = new HashSet<>();
    final Set<String> members = new TreeSet<>();
    boolean tokens;
    String untrusted;

    Collector(AuditEvents events) {
      this.events = events;
    }

    @Override
    public void onPage(List<AuditRecord> records, RowSink sink) {
      for (AuditRecord r : records) {
        if (r.id() != null && !seen.add(r.id())) {
          continue;
        }
        AuditEvents.Decision d = events.decide(r);
        if (!d.understood()) {
          untrusted("audit-log event not understood: " + AuditEvents.describe(r));
        } else if (d.line() != null) {
          apply(r, d.line());
        }
      }
    }

    private void apply(AuditRecord r, AuditEvents.Line line) {
      switch (line.action()) {
        case MEMBER -> {
          String id = r.resource().id();
          if (id == null || id.isEmpty()) {
            untrusted("audit-log event on an " + line.what() + " names no member id");
          } else {
            members.add(id);
          }
        }
        case TOKENS -> tokens = true;
        case CANNOT_REFETCH ->
            untrusted(
                "audit-log event on a "
                    + line.what()
                    + ", which an incremental sync cannot re-fetch on its own");
        case ALWAYS_READ, NOT_SYNCED -> {
          // nothing more to read
        }
        default -> throw new IllegalStateException(line.action().name());
      }
    }

    private void untrusted(String why) {
      if (untrusted == null) {
        untrusted = why;
      }
    }
  }

  /** The audit feed writes no rows. */
  private static final RowSink NO_ROWS =
      new RowSink() {
        @Override
        public void resource(Resource r) {
          throw new IllegalStateException("the audit log writes no rows");
        }

        @Override
        public void entitlement(Entitlement e) {
          throw new IllegalStateException("the audit log writes no rows");
        }

        @Override
        public void grant(Grant g) {
          throw new IllegalStateException("the audit log writes no rows");
        }
      };
}
