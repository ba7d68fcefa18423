package dev.batoncf.service;

import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceGetTaskResponse;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's task manager loop. Startup Hello with exponential backoff (1 s doubling to 5 min; a
 * permanent refusal ends the run). Then: take a free task slot, GetTask, run the task on its own
 * thread, wait {@code next_poll} (clamped to 0..5 min), again. A failed GetTask waits errors²
 * seconds (at most a minute); a refused client ends the run. On stop: no new task is taken, the
 * running ones get the shutdown timeout, then are cancelled and finished as CANCELLED.
 */
final class PollLoop {
  private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

  /** Codes after which saying Hello again cannot help (Baton's isRetryableHelloError). */
  private static final Set<Status.Code> HELLO_PERMANENT =
      EnumSet.of(
          Status.Code.UNAUTHENTICATED,
          Status.Code.PERMISSION_DENIED,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.UNIMPLEMENTED,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.NOT_FOUND);

  /** The client itself was refused: polling on would only repeat it. */
  private static final Set<Status.Code> POLL_PERMANENT =
      EnumSet.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);

  private final ServiceConfig config;
  private final BatonHost host;
  private final HelloSender hello;
  private final TaskProcessor tasks;
  private final StatusTracker status;
  private final ExecutorService workers;
  private final Semaphore slots;
  private final CountDownLatch stopAsked = new CountDownLatch(1);
  private final Context.CancellableContext calls = Context.ROOT.withCancellation();

  PollLoop(
      ServiceConfig config,
      BatonHost host,
      HelloSender hello,
      TaskProcessor tasks,
      StatusTracker status,
      ExecutorService workers) {
    this.config = config;
    this.host = host;
    this.hello = hello;
    this.tasks = tasks;
    this.status = status;
    this.workers = workers;
    this.slots = new Semaphore(config.taskConcurrency());
  }

  /** Asks the loop to stop; {@link #run} then drains and returns. */
  void stop() {
    stopAsked.countDown();
    calls.cancel(null); // a GetTask or Hello in flight returns now
  }

  boolean stopping() {
    return stopAsked.getCount() == 0;
  }

  /** Runs until {@link #stop()} (or an interrupt); throws {@link ServiceException} if refused. */
  void run() {
    ServiceException fatal = null;
    try {
      if (bootstrap()) {
        status.state(ServiceStatus.State.RUNNING);
        poll();
      }
    } catch (ServiceException e) {
      fatal = e;
    } catch (InterruptedException e) {
      log.info("interrupted: stopping");
      stop();
    }
    drain(fatal == null ? config.shutdownTimeout() : Duration.ZERO);
    status.state(fatal == null ? ServiceStatus.State.STOPPED : ServiceStatus.State.FAILED);
    if (fatal != null) {
      throw fatal;
    }
  }

  private boolean bootstrap() throws InterruptedException {
    Duration backoff = config.helloBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        calls.call(
            () -> {
              hello.send("");
              return null;
            });
        status.contact();
        log.info(
            "connected to the Baton host {} as host {} (hello after {} attempt{})",
            host.address(),
            host.hostId(),
            attempt,
            attempt == 1 ? "" : "s");
        return true;
      } catch (StatusRuntimeException e) {
        if (stopping()) {
          return false;
        }
        status.contactFailed(e);
        if (HELLO_PERMANENT.contains(e.getStatus().getCode())) {
          throw new ServiceException(
              "the Baton host "
                  + host.address()
                  + " refused the connector: "
                  + BatonHost.describe(e),
              e);
        }
        log.warn(
            "could not reach the Baton host {} (attempt {}): {}; retrying in {}s",
            host.address(),
            attempt,
            BatonHost.describe(e),
            backoff.toSeconds());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      if (stopAsked.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
      host.resetConnectBackoff();
      backoff = backoff.multipliedBy(2);
      if (backoff.compareTo(ServiceConfig.MAX_HELLO_BACKOFF) > 0) {
        backoff = ServiceConfig.MAX_HELLO_BACKOFF;
      }
    }
  }

  private void poll() throws InterruptedException {
    Duration wait = Duration.ZERO;
    int errors = 0;
    while (!stopAsked.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      // A slot first, so a task is never claimed before it can run.
      while (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        if (stopping()) {
          return;
        }
      }
      BatonServiceGetTaskResponse resp;
      try {
        resp = calls.call(host::getTask);
        status.contact();
      } catch (StatusRuntimeException e) {
        slots.release();
        if (stopping()) {
          return;
        }
        status.contactFailed(e);
        if (POLL_PERMANENT.contains(e.getStatus().getCode())) {
          throw new ServiceException(
              "the Baton host " + host.address() + " refused the client: " + BatonHost.describe(e),
              e);
        }
        errors++;
        wait = Intervals.errorBackoff(errors);
        log.warn(
            "GetTask from {} failed ({} in a row): {}; retrying in {}s",
            host.address(),
            errors,
            BatonHost.describe(e),
            wait.toSeconds());
        host.resetConnectBackoff();
        continue;
      } catch (Exception e) {
        slots.release();
        throw new IllegalStateException(e);
      }
      errors = 0;
      wait = Intervals.nextPoll(resp.getNextPoll());
      Task task = resp.hasTask() ? resp.getTask() : null;
      if (task == null || task.getTaskTypeCase() == Task.TaskTypeCase.NONE) {
        slots.release();
        log.debug("no task; next poll in {} ms", wait.toMillis());
        continue;
      }
      workers.execute(
          () -> {
            try {
              tasks.process(task);
            } finally {
              slots.release();
            }
          });
    }
  }

  /** In-flight tasks get {@code grace}; what is left is cancelled and finished as CANCELLED. */
  private void drain(Duration grace) {
    status.state(ServiceStatus.State.STOPPING);
    workers.shutdown();
    try {
      if (tasks.running() > 0) {
        log.info(
            "stopping: letting {} running task(s) finish (up to {}s)",
            tasks.running(),
            grace.toSeconds());
      }
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        int n = tasks.cancelAll("the connector is shutting down");
        log.warn(
            "stopping: {} task(s) still running after {}s; cancelling them", n, grace.toSeconds());
        if (!workers.awaitTermination(15, TimeUnit.SECONDS)) {
          log.warn("stopping: abandoning tasks that did not stop");
          workers.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      tasks.cancelAll("the connector is shutting down");
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
