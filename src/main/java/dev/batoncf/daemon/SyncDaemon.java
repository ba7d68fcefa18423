package dev.batoncf.daemon;

import dev.batoncf.health.CredentialCheck;
import dev.batoncf.health.DurationText;
import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler: full syncs into the output directory on a schedule, one at a time, on the thread
 * that calls {@link #run()}. After a good sync it points {@code latest.c1z} at it, runs the {@link
 * AfterSync} steps, then applies retention; a failed sync is retried with backoff and never
 * replaces anything. {@link #stop} lets the sync in flight finish for a while, then abandons it at
 * its next page: its working database is deleted and no file is replaced.
 *
 * <p>{@link #open} takes the directory's lock, removes what a killed predecessor left and picks up
 * the existing files, so a restart continues where the last good sync left off.
 */
public final class SyncDaemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncDaemon.class);

  /** After abandoning: how long the sync thread gets to delete its temp files. */
  static final Duration ABANDON_GRACE = Duration.ofSeconds(10);

  /** Runs one full sync into a file; {@link FileSync#run} in production. */
  @FunctionalInterface
  public interface Syncer {
    FileSync.Result sync(Path target, Progress progress) throws IOException;
  }

  private final SyncFiles files;
  private final OutputLock lock;
  private final Syncer syncer;
  private final RunPlanner planner;
  private final Retention retention;
  private final List<AfterSync> steps;
  private final SyncState state;
  private final Clock clock;
  private final ReentrantLock waitLock = new ReentrantLock();
  private final Condition wake = waitLock.newCondition();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile boolean cancelled;
  private volatile boolean started;

  /** True while the sync fetches and writes: the phase where abandoning is safe. */
  private volatile boolean syncing;

  private volatile Thread loopThread;

  private SyncDaemon(
      SyncFiles files,
      OutputLock lock,
      Syncer syncer,
      RunPlanner planner,
      Retention retention,
      List<AfterSync> steps,
      SyncState state,
      Clock clock) {
    this.files = files;
    this.lock = lock;
    this.syncer = syncer;
    this.planner = planner;
    this.retention = retention;
    this.steps = List.copyOf(steps);
    this.state = state;
    this.clock = clock;
  }

  /**
   * Locks {@code files}' directory, cleans stale temp files and reads the existing syncs.
   *
   * @throws OutputLock.LockedException if another daemon uses the directory
   */
  public static SyncDaemon open(
      SyncFiles files,
      Syncer syncer,
      RunPlanner planner,
      Retention retention,
      List<AfterSync> steps,
      SyncState state,
      Clock clock)
      throws IOException {
    OutputLock lock = OutputLock.acquire(files.dir());
    try {
      int stale = files.cleanStale();
      if (stale > 0) {
        log.info("removed {} temp file(s) left by an interrupted run in {}", stale, files.dir());
      }
      SyncFile newest = files.newest().orElse(null);
      state.started(newest, steps.stream().map(AfterSync::name).toList());
      if (newest != null) {
        files.pointLatestAt(newest); // repairs a latest.c1z lost with a crash
      }
      return new SyncDaemon(
          files, lock, Objects.requireNonNull(syncer), planner, retention, steps, state, clock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Runs until {@link #stop}; the first sync is due at once unless a recent good one exists. */
  public void run() {
    loopThread = Thread.currentThread();
    started = true;
    try {
      SyncFile newest = state.snapshot().newestGood();
      Instant next = planner.first(clock.instant(), newest == null ? null : newest.startedAt());
      log.info(
          "scheduler: {}; {} good sync(s) in {}; next sync {}",
          planner.schedule().describe(),
          files.list().size(),
          files.dir(),
          newest == null ? "now (none yet)" : next);
      while (!stopRequested) {
        state.nextRunAt(next);
        if (!awaitUntil(next)) {
          break;
        }
        Instant after = runOnce();
        if (after == null) {
          break; // abandoned for shutdown
        }
        next = after;
      }
    } catch (IOException e) {
      log.error("scheduler stopped: cannot read {}: {}", files.dir(), e.getMessage());
    } finally {
      state.stopped();
      finished.countDown();
    }
  }

  /**
   * Asks the loop to stop and waits: the sync in flight gets {@code timeout} to finish, then is
   * abandoned. Returns true if the loop ended without abandoning anything.
   */
  public boolean stop(Duration timeout) throws InterruptedException {
    stopRequested = true;
    state.stopping();
    signal();
    if (!started) {
      return true;
    }
    if (finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    cancelled = true;
    log.warn(
        "the sync in progress did not finish within {}; abandoning it (its temp files are"
            + " removed, no file is replaced)",
        DurationText.format(timeout));
    Thread t = loopThread;
    if (t != null && syncing) {
      t.interrupt(); // ends rate-limit and retry waits; the next page check does the rest
    }
    finished.await(ABANDON_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    return false;
  }

  @Override
  public void close() throws IOException {
    lock.close();
  }

  /** One sync attempt; returns when the next is due, or null when it was abandoned. */
  private Instant runOnce() throws IOException {
    Instant startedAt = clock.instant();
    SyncFile previous = files.newest().orElse(null);
    SyncFile target = files.newFile(startedAt);
    state.syncStarted(startedAt);
    FileSync.Result result;
    syncing = true;
    try {
      result = syncer.sync(target.path(), new AbandonCheck());
    } catch (Exception e) {
      syncing = false;
      Thread.interrupted(); // an interrupt from stop() has done its job
      if (cancelled) {
        state.abandoned();
        log.warn("sync abandoned for shutdown: {} was not written", target.name());
        return null;
      }
      Instant at = clock.instant();
      int failures = state.failed(SyncRecord.failure(startedAt, at, oneLine(e)));
      Instant next = planner.afterFailure(startedAt, at, failures);
      log.warn(
          "sync failed ({} in a row): {}; {} unchanged; next attempt at {}",
          failures,
          oneLine(e),
          previous == null ? "no earlier sync" : previous.name(),
          next);
      return next;
    } finally {
      syncing = false;
    }
    Thread.interrupted(); // the sync completed after all; keep the interrupt from later steps
    Instant finishedAt = clock.instant();
    try {
      files.pointLatestAt(target);
    } catch (IOException e) {
      log.warn("could not point {} at {}: {}", SyncFiles.LATEST, target.name(), oneLine(e));
    }
    var r = result.sync();
    // the file's grants, those Baton's expansion derived included (as the file's readers count)
    state.succeeded(
        new SyncRecord(
            startedAt,
            finishedAt,
            true,
            target.name(),
            null,
            r.resourcesByType(),
            r.entitlements(),
            result.counts().grants(),
            r.requests()),
        target);
    log.info(
        "sync ok: {} ({} resources, {} entitlements, {} grants; {} Cloudflare requests in" + " {})",
        target.name(),
        r.resources(),
        r.entitlements(),
        r.grants(),
        r.requests(),
        DurationText.format(Duration.between(startedAt, finishedAt)));
    runSteps(new AfterSync.Context(previous, target, finishedAt, files.workDir()));
    try {
      retention.prune(files);
    } catch (IOException e) {
      log.warn("retention: could not remove old syncs: {}", oneLine(e));
    }
    Instant next = planner.afterSuccess(startedAt, finishedAt);
    log.info("next sync at {}", next);
    return next;
  }

  private void runSteps(AfterSync.Context ctx) {
    for (AfterSync step : steps) {
      try {
        step.run(ctx);
      } catch (Exception e) {
        state.stepFailed(step.name());
        log.warn(
            "after-sync step '{}' failed for {}: {}",
            step.name(),
            ctx.current().name(),
            oneLine(e));
      }
    }
  }

  /** Waits until {@code due} or a stop; false on a stop. */
  private boolean awaitUntil(Instant due) {
    waitLock.lock();
    try {
      while (!stopRequested) {
        long nanos = Duration.between(clock.instant(), due).toNanos();
        if (nanos <= 0) {
          return true;
        }
        wake.awaitNanos(nanos);
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waitLock.unlock();
    }
  }

  private void signal() {
    waitLock.lock();
    try {
      wake.signalAll();
    } finally {
      waitLock.unlock();
    }
  }

  /** The message a user can act on, on one line. */
  static String oneLine(Throwable e) {
    return CredentialCheck.oneLine(e);
  }

  /** Ends the sync at its next page once {@link #stop} has given up waiting. */
  private final class AbandonCheck implements Progress {
    @Override
    public void pageFetched(String feed, int page, int items, boolean last) {
      check();
    }

    @Override
    public void rowsWritten(long rows) {
      check();
    }

    @Override
    public void feedStarted(String feed) {
      check();
    }

    private void check() {
      if (cancelled) {
        throw new CancellationException("sync abandoned for shutdown");
      }
    }
  }
}
