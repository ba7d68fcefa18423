package dev.batoncf.service;

import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceHeartbeatResponse;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running task's heartbeats, as Baton's SDK sends them: the first one synchronously before the
 * task starts, then one every {@code next_heartbeat} (clamped). {@code cancelled} from the host
 * cancels the task; so do 10 failed heartbeats in a row.
 */
final class Heartbeats {
  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
  static final int MAX_FAILURES = 10;

  private final BatonHost host;
  private final ScheduledExecutorService timer;

  Heartbeats(BatonHost host, ScheduledExecutorService timer) {
    this.host = host;
    this.timer = timer;
  }

  /**
   * Sends the first heartbeat and schedules the next. When the host already cancelled the task,
   * {@code cancel} is cancelled and nothing is scheduled.
   *
   * @throws StatusRuntimeException when the first heartbeat fails
   */
  Beat start(String taskId, Cancellation cancel) {
    BatonServiceHeartbeatResponse first = host.heartbeat(taskId);
    Beat beat = new Beat(taskId, cancel);
    if (first.getCancelled()) {
      cancel.cancel("the host cancelled the task");
    } else {
      beat.schedule(Intervals.nextHeartbeat(first.getNextHeartbeat()));
    }
    return beat;
  }

  /** The repeating heartbeat of one task; closing it stops it. */
  final class Beat implements AutoCloseable {
    private final String taskId;
    private final Cancellation cancel;
    private int failures;
    private Duration interval = Intervals.DEFAULT_HEARTBEAT;
    private boolean closed;
    private ScheduledFuture<?> next;

    private Beat(String taskId, Cancellation cancel) {
      this.taskId = taskId;
      this.cancel = cancel;
    }

    private synchronized void schedule(Duration after) {
      interval = after;
      if (!closed) {
        next = timer.schedule(this::beat, after.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    private void beat() {
      Duration after; // after a failure, the same wait again
      synchronized (this) {
        if (closed) {
          return;
        }
        after = interval;
      }
      try {
        BatonServiceHeartbeatResponse r = host.heartbeat(taskId);
        failures = 0;
        if (r.getCancelled()) {
          log.info("task {}: the host cancelled it", taskId);
          cancel.cancel("the host cancelled the task");
          return;
        }
        after = Intervals.nextHeartbeat(r.getNextHeartbeat());
      } catch (StatusRuntimeException e) {
        failures++;
        log.warn(
            "task {}: heartbeat failed ({} in a row): {}", taskId, failures, BatonHost.describe(e));
        if (failures >= MAX_FAILURES) {
          cancel.cancel(MAX_FAILURES + " heartbeats in a row failed");
          return;
        }
      } catch (RuntimeException e) {
        log.warn("task {}: heartbeat failed", taskId, e);
      }
      schedule(after);
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (next != null) {
        next.cancel(false);
      }
    }
  }
}
