package dev.batoncf.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One finished sync attempt, as health and metrics show it.
 *
 * @param file the good file's name, null for a failure
 * @param error one line saying why it failed, null for a success (never holds a secret: it is built
 *     from our own exception messages)
 * @param resourcesByType rows per resource type (empty for a failure)
 * @param requests Cloudflare requests the sync sent
 */
public record SyncRecord(
    Instant startedAt,
    Instant finishedAt,
    boolean success,
    String file,
    String error,
    Map<String, Long> resourcesByType,
    long entitlements,
    long grants,
    long requests) {

  public SyncRecord {
    resourcesByType = Map.copyOf(resourcesByType);
  }

  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  static SyncRecord failure(Instant started, Instant finished, String error) {
    return new SyncRecord(started, finished, false, null, error, Map.of(), 0, 0, 0);
  }
}
