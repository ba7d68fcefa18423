package dev.batoncf.service;

import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Instant;

/** The mutable side of {@link ServiceStatus}: the loop and the tasks report here. */
final class StatusTracker {
  private final Clock clock;
  private final String host;
  private final String hostId;
  private ServiceStatus.State state = ServiceStatus.State.CONNECTING;
  private boolean connected;
  private Instant lastContact;
  private int running;
  private long finished;
  private long failed;
  private ServiceStatus.LastTask lastTask;
  private String lastError;

  StatusTracker(Clock clock, String host, String hostId) {
    this.clock = clock;
    this.host = host;
    this.hostId = hostId;
  }

  synchronized ServiceStatus snapshot() {
    return new ServiceStatus(
        state,
        connected,
        host,
        hostId,
        lastContact,
        running,
        finished,
        failed,
        lastTask,
        lastError);
  }

  synchronized void state(ServiceStatus.State s) {
    state = s;
  }

  synchronized void contact() {
    connected = true;
    lastContact = clock.instant();
  }

  synchronized void contactFailed(StatusRuntimeException e) {
    connected = false;
    lastError = BatonHost.describe(e);
  }

  synchronized void taskStarted() {
    running++;
  }

  synchronized void taskEnded(String id, String type, String result, boolean ok) {
    running--;
    if (ok) {
      finished++;
    } else {
      failed++;
    }
    lastTask = new ServiceStatus.LastTask(id, type, result, clock.instant());
  }
}
