package dev.batoncf.sync;

import dev.batoncf.c1z.C1zFormatException;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.C1zWriter;
import dev.batoncf.c1z.SyncHistory;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.connector.AuditEvents;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.IncrementalUnsafe;
import dev.batoncf.health.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sync that starts from the output file's previous sync: it reads the audit log since that sync
 * began (less {@link #OVERLAP}), re-fetches what the log names, reads the lists whose changes the
 * log does not record, carries every other row over, and writes a complete new file like a full
 * sync's. Whenever the shortcut cannot be trusted it runs a full sync instead and says why in one
 * info line ({@code full sync instead of incremental: <reason>}).
 */
public final class IncrementalSync {
  private static final Logger log = LoggerFactory.getLogger(IncrementalSync.class);

  /** Records can reach the log after the time they carry; read this far before the last start. */
  public static final Duration OVERLAP = Duration.ofMinutes(10);

  /** How far back the v2 audit log reaches (cloudflare-api.md §17). */
  public static final Duration LOG_RETENTION = Duration.ofDays(30);

  public static final Duration DEFAULT_FULL_SYNC_EVERY = Duration.ofHours(24);

  /**
   * What ran: the file's figures, and why a full sync ran instead (null when incremental).
   *
   * @param auditPages audit-log pages read (0 when it was not read)
   */
  public record Result(FileSync.Result file, String fallbackReason, long auditPages) {
    public boolean incremental() {
      return fallbackReason == null;
    }
  }

  private final CloudflareConnector connector;
  private final Path tempDir;
  private final int keepPreviousSyncs;
  private final Duration fullSyncEvery;
  private final Clock clock;
  private final AuditEvents events;
  private final boolean managedShutdown;

  public IncrementalSync(
      CloudflareConnector connector, Path tempDir, int keepPreviousSyncs, Duration fullSyncEvery) {
    this(
        connector,
        tempDir,
        keepPreviousSyncs,
        fullSyncEvery,
        Clock.systemDefaultZone(),
        AuditEvents.standard(),
        false);
  }

  /**
   * @param clock the time the decisions and the new file use, in the zone files are written in
   */
  public IncrementalSync(
      CloudflareConnector connector,
      Path tempDir,
      int keepPreviousSyncs,
      Duration fullSyncEvery,
      Clock clock,
      AuditEvents events,
      boolean managedShutdown) {
    this.connector = Objects.requireNonNull(connector);
    this.tempDir = tempDir;
    this.keepPreviousSyncs = keepPreviousSyncs;
    this.fullSyncEvery = Objects.requireNonNull(fullSyncEvery);
    this.clock = Objects.requireNonNull(clock);
    this.events = Objects.requireNonNull(events);
    this.managedShutdown = managedShutdown;
  }

  /** As {@link FileSync#withManagedShutdown()}. */
  public IncrementalSync withManagedShutdown() {
    return new IncrementalSync(
        connector, tempDir, keepPreviousSyncs, fullSyncEvery, clock, events, true);
  }

  /** Starts from {@code target}'s own previous sync (the CLI's single output file). */
  public Result run(Path target, Progress progress) throws IOException {
    return run(target, target, progress);
  }

  /**
   * Starts from the latest sync in {@code previousFile} (null: there is none, as on a daemon's
   * first run) and writes {@code target}.
   */
  public Result run(Path previousFile, Path target, Progress progress) throws IOException {
    String reason;
    long auditPages = 0;
    try (PreviousSync previous = open(previousFile)) {
      reason =
          previous == null
              ? (previousFile == null ? "no earlier sync file" : "no previous file " + previousFile)
              : check(previous, previousFile);
      if (reason == null) {
        Attempt a = incremental(previous, target, progress);
        if (a.result != null) {
          return new Result(a.result, null, a.auditPages);
        }
        reason = a.reason;
        auditPages = a.auditPages;
      }
    } catch (UnusableFile e) {
      reason = e.getMessage();
    }
    log.info("full sync instead of incremental: {}", reason);
    FileSync full = new FileSync(connector, tempDir, keepPreviousSyncs);
    return new Result(
        (managedShutdown ? full.withManagedShutdown() : full).run(target, progress),
        reason,
        auditPages);
  }

  private static final class UnusableFile extends Exception {
    UnusableFile(String why) {
      super(why);
    }
  }

  private PreviousSync open(Path target) throws UnusableFile {
    if (target == null || !Files.exists(target)) {
      return null;
    }
    try {
      return new PreviousSync(C1zReader.open(target, null, tempDir), clock.getZone());
    } catch (IOException e) {
      throw new UnusableFile(
          "the previous file cannot be read ("
              + (e instanceof C1zFormatException ? e.getMessage() : "I/O error: " + e.getMessage())
              + ")");
    }
  }

  /** Why the previous sync cannot be the start, or null when it can. */
  String check(PreviousSync previous, Path target) {
    String account = connector.client().accountId();
    String owner = previous.owner().orElse(null);
    if (owner == null) {
      return "the previous sync in " + target + " does not record its account";
    }
    if (!owner.equals(account)) {
      return "the previous sync in " + target + " is of account " + owner + ", not " + account;
    }
    Instant now = clock.instant();
    Duration sinceFull = Duration.between(previous.fullSyncStartedAt(), now);
    if (sinceFull.compareTo(fullSyncEvery) >= 0) {
      return "the last full sync began "
          + age(sinceFull)
          + " ago (--full-sync-every "
          + DurationText.format(fullSyncEvery)
          + ")";
    }
    Duration window = Duration.between(previous.startedAt().minus(OVERLAP), now);
    if (window.compareTo(LOG_RETENTION) > 0) {
      return "the audit log reaches back "
          + DurationText.format(LOG_RETENTION)
          + " and the previous sync began "
          + age(window.minus(OVERLAP))
          + " ago";
    }
    return null;
  }

  private static String age(Duration d) {
    Duration m = d.truncatedTo(ChronoUnit.MINUTES);
    return m.isZero() ? "under a minute" : DurationText.format(m);
  }

  /** The new file, or why not (nothing is written then). */
  private record Attempt(FileSync.Result result, String reason, long auditPages) {}

  private Attempt incremental(PreviousSync previous, Path target, Progress progress)
      throws IOException {
    SyncHistory history = new SyncHistory(connector.client().accountId(), keepPreviousSyncs);
    try (C1zWriter writer = C1zWriter.create(target, tempDir, clock, history, !managedShutdown);
        C1zSyncStore c1z = new C1zSyncStore(writer);
        AsyncSyncStore store = new AsyncSyncStore(c1z)) {
      writer.putSessionValue(
          PreviousSync.FULL_SYNC_STARTED, previous.fullSyncStartedAt().toString());
      AuditScan.Outcome audit;
      try {
        // "before" is read after the writer recorded its start, so the next window overlaps it
        audit =
            new AuditScan(connector.client(), events)
                .read(previous.startedAt().minus(OVERLAP), clock.instant());
      } catch (CloudflareException e) {
        return new Attempt(null, "the audit log could not be read (" + e.getMessage() + ")", 0);
      }
      if (audit.untrusted() != null) {
        return new Attempt(null, audit.untrusted(), audit.pages());
      }
      SyncResult result;
      try {
        result =
            new SyncEngine(progress)
                .run(
                    connector,
                    () -> connector.incrementalFeeds(audit.delta(), previous),
                    store,
                    c1z.syncId());
      } catch (IncrementalUnsafe e) {
        return new Attempt(null, e.getMessage(), audit.pages());
      }
      log.info(
          "incremental sync from {}: {} audit-log records, {} members re-fetched{}",
          previous.syncId(),
          audit.records(),
          audit.delta().memberIds().size(),
          audit.delta().tokens() ? ", API tokens re-read" : "");
      return new Attempt(
          new FileSync.Result(
              result, writer.counts(), writer.expandedGrants(), writer.previousSyncs()),
          null,
          audit.pages());
    }
  }
}
