package dev.batoncf.service;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceFinishTaskRequest;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task from start to FinishTask: the first heartbeat (a task the host already cancelled,
 * or whose first heartbeat fails, is left to the host, as Baton's SDK does), the handler with
 * heartbeats running, then FinishTask with the outcome, retried twice when the host is unavailable.
 * Keeps the running tasks so shutdown can cancel what is left.
 */
final class TaskProcessor {
  private static final Logger log = LoggerFactory.getLogger(TaskProcessor.class);
  private static final int FINISH_ATTEMPTS = 3;

  private final BatonHost host;
  private final TaskHandlers handlers;
  private final Heartbeats heartbeats;
  private final StatusTracker status;
  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();

  TaskProcessor(
      BatonHost host, TaskHandlers handlers, Heartbeats heartbeats, StatusTracker status) {
    this.host = host;
    this.handlers = handlers;
    this.heartbeats = heartbeats;
    this.status = status;
  }

  void process(Task task) {
    String id = task.getId();
    String kind = TaskHandlers.kind(task);
    long start = System.nanoTime();
    Cancellation cancel = new Cancellation();
    running.put(id, cancel);
    status.taskStarted();
    String result = "not run";
    boolean ok = false;
    try {
      log.info("task {} ({}) started", id, kind);
      TaskOutcome outcome;
      if (task.getTaskTypeCase() == Task.TaskTypeCase.HELLO) {
        outcome = handlers.handle(task, cancel); // answered by the Hello itself, no heartbeats
      } else {
        Heartbeats.Beat beat;
        try {
          beat = heartbeats.start(id, cancel);
        } catch (StatusRuntimeException e) {
          result = "first heartbeat failed: " + BatonHost.describe(e);
          log.warn(
              "task {} ({}): the first heartbeat failed ({}); leaving the task to the host",
              id,
              kind,
              BatonHost.describe(e));
          return;
        }
        if (cancel.cancelled()) {
          result = "CANCELLED: " + cancel.reason();
          log.info("task {} ({}) was cancelled by the host before it started", id, kind);
          return;
        }
        try (beat) {
          outcome = handlers.handle(task, cancel);
        }
      }
      result = describe(outcome);
      ok = outcome instanceof TaskOutcome.Success || outcome instanceof TaskOutcome.Answered;
      finish(task, outcome);
      log.info(
          "task {} ({}) finished in {} ms: {}",
          id,
          kind,
          (System.nanoTime() - start) / 1_000_000,
          result);
    } catch (StatusRuntimeException e) {
      result = BatonHost.describe(e);
      log.warn("task {} ({}): {}", id, kind, result);
    } finally {
      running.remove(id);
      status.taskEnded(id, kind, result, ok);
    }
  }

  /** Cancels every running task (shutdown); each then finishes as CANCELLED. */
  int cancelAll(String reason) {
    running.values().forEach(c -> c.cancel(reason));
    return running.size();
  }

  int running() {
    return running.size();
  }

  private void finish(Task task, TaskOutcome outcome) {
    BatonServiceFinishTaskRequest.Builder req =
        BatonServiceFinishTaskRequest.newBuilder().setTaskId(task.getId());
    if (outcome instanceof TaskOutcome.Answered) {
      return;
    } else if (outcome instanceof TaskOutcome.Success s) {
      var success = req.getSuccessBuilder().addAllAnnotations(s.annotations());
      if (s.response() != null) {
        success.setResponse(s.response());
      }
    } else if (outcome instanceof TaskOutcome.Failure f) {
      req.setStatus(f.status());
      var error = req.getErrorBuilder().setNonRetryable(f.nonRetryable());
      if (f.response() != null) {
        error.setResponse(f.response());
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        host.finishTask(req);
        status.contact();
        return;
      } catch (StatusRuntimeException e) {
        status.contactFailed(e);
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == FINISH_ATTEMPTS) {
          throw e;
        }
        log.warn(
            "task {}: FinishTask failed ({}); trying again", task.getId(), BatonHost.describe(e));
        sleep(attempt * 1000L);
      }
    }
  }

  static String describe(TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Failure f) {
      return Code.forNumber(f.status().getCode())
          + ": "
          + f.status().getMessage()
          + (f.nonRetryable() ? " (non-retryable)" : "");
    }
    if (outcome instanceof TaskOutcome.Success s && s.response() != null) {
      return "ok" + annotationNames(s);
    }
    return "ok";
  }

  /** "ok (GrantAlreadyExists)": what the log says when the connector had nothing to change. */
  private static String annotationNames(TaskOutcome.Success s) {
    if (s.annotations().isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (");
    for (Any a : s.annotations()) {
      String url = a.getTypeUrl();
      b.append(b.length() > 2 ? ", " : "").append(url.substring(url.lastIndexOf('.') + 1));
    }
    return b.append(')').toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
