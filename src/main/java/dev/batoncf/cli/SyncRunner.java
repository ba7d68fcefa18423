package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.ConfigException;
import dev.batoncf.config.Settings;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.files.OutputFile;
import dev.batoncf.files.OutputFileException;
import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.IncrementalSync;
import dev.batoncf.sync.Progress;
import dev.batoncf.sync.SyncResult;
import dev.batoncf.sync.SyncScope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One full sync into the configured c1z file; the previous file survives any failure. */
final class SyncRunner {
  private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);
  private final CliContext ctx;

  SyncRunner(CliContext ctx) {
    this.ctx = ctx;
  }

  FileSync.Result run(Settings s) {
    return run(s, new IncrementalOptions(), new SyncScopeOptions());
  }

  /**
   * A full sync, or with {@code --incremental} one from the previous sync in the file.
   *
   * @param scoping Baton's scoping flags; bad values fail before any Cloudflare request
   */
  FileSync.Result run(Settings s, IncrementalOptions incremental, SyncScopeOptions scoping) {
    checkOutput(s.file());
    Progress progress = ctx.terminal() ? new TerminalProgress(ctx.err()) : Progress.NONE;
    HttpEvents events =
        new HttpEvents() {
          @Override
          public void onRateLimitWait(Duration wait) {
            progress.rateLimitWait(wait);
          }
        };
    try (CloudflareClient client = ClientFactory.client(ctx.rateLimiters(), s, events)) {
      CloudflareConnector connector =
          new CloudflareConnector(client, ClientFactory.connectorOptions(s));
      SyncScope scope = scoping.scope(connector.resourceTypes());
      if (!scope.everything()) {
        log.info("scoped sync ({}): sync type {}", scope.describe(), scope.syncType());
      }
      FileSync.Result result =
          incremental.incremental
              ? new IncrementalSync(
                      connector, null, s.keepPreviousSyncs(), incremental.fullSyncEvery())
                  .run(s.file(), progress)
                  .file()
              : new FileSync(connector, null, s.keepPreviousSyncs()).run(s.file(), progress, scope);
      logStats(result.sync());
      return result;
    } catch (OutputFileException e) {
      throw new ErrorReporter.OperationException(e.getMessage(), e); // names the file already
    } catch (IOException e) {
      throw new ErrorReporter.OperationException(
          "could not write " + s.file() + ": " + e.getMessage(), e);
    } finally {
      progress.finished();
    }
  }

  /**
   * One machine-readable line with the figures the benchmark reads: local work is everything but
   * waiting on Cloudflare, peak heap is the sum of the heap pools' peaks.
   */
  private static void logStats(SyncResult r) {
    long localMs = Math.max(1, r.elapsed().minus(r.httpTime()).toMillis());
    long peakHeap = JvmStats.peakHeapBytes();
    log.debug(
        "sync stats: rows={} requests={} elapsed_ms={} http_ms={} local_ms={} "
            + "local_rows_per_s={} peak_heap_mb={} requests_by_endpoint={}",
        r.rows(),
        r.requests(),
        r.elapsed().toMillis(),
        r.httpTime().toMillis(),
        localMs,
        r.rows() * 1000 / localMs,
        peakHeap / (1024 * 1024),
        r.requestsByEndpoint());
  }

  /**
   * Fails before any Cloudflare call when the output cannot be written: see {@link OutputFile}
   * (regular file or absent, symlinks to a regular file followed, directory writable).
   */
  static void checkOutput(Path file) {
    try {
      OutputFile.check(file);
    } catch (OutputFileException e) {
      throw new ConfigException("--file " + file + ": " + e.reason());
    }
  }

  /**
   * "synced 18 users, 3 invitations, … in 5 requests, 0.4s → sync.c1z", plus what expansion added
   * and how many earlier syncs the file keeps, when there are any.
   */
  static String summary(FileSync.Result result, Path file) {
    SyncResult r = result.sync();
    String types =
        r.resourcesByType().entrySet().stream()
            .map(e -> e.getValue() + " " + plural(e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    String skipped = r.skipped().isEmpty() ? "" : " (" + String.join("; ", r.skipped()) + ")";
    String expanded =
        result.expandedGrants() == 0
            ? ""
            : " (+" + result.expandedGrants() + " by group expansion)";
    int kept = result.previousSyncs().size();
    String history =
        kept == 0 ? "" : " (with " + kept + " earlier " + (kept == 1 ? "sync" : "syncs") + ")";
    return String.format(
        "synced %s; %d entitlements, %d grants%s; %d Cloudflare requests in %.1fs%s" + " -> %s%s",
        types,
        r.entitlements(),
        r.grants(),
        expanded,
        r.requests(),
        r.elapsed().toMillis() / 1000.0,
        skipped,
        file,
        history);
  }

  static String plural(String type, long n) {
    String noun = type.replace('_', ' ');
    return n == 1 ? noun : noun + "s";
  }
}
