package dev.batoncf.service;

import java.time.Instant;

/**
 * A read-only snapshot of service mode, for health checks and metrics.
 *
 * @param state where the loop is
 * @param connected whether the last call to the host succeeded
 * @param host the host's address (host:port)
 * @param hostId the host id this connector reports
 * @param lastContact when a call to the host last succeeded, or null
 * @param running tasks in progress
 * @param finished tasks finished successfully since start
 * @param failed tasks finished with an error (including cancelled ones) since start
 * @param lastTask the most recently ended task, or null
 * @param lastError the most recent failure talking to the host (one line), or null
 */
public record ServiceStatus(
    State state,
    boolean connected,
    String host,
    String hostId,
    Instant lastContact,
    int running,
    long finished,
    long failed,
    LastTask lastTask,
    String lastError) {

  public enum State {
    /** saying Hello (retrying while the host is unreachable) */
    CONNECTING,
    /** polling for tasks */
    RUNNING,
    /** stop asked: finishing in-flight tasks */
    STOPPING,
    /** stopped normally */
    STOPPED,
    /** stopped by a permanent error (bad or revoked credentials) */
    FAILED
  }

  /**
   * @param result "ok", "CANCELLED: <reason>", or "<CODE>: <message>"
   */
  public record LastTask(String id, String type, String result, Instant endedAt) {}
}
