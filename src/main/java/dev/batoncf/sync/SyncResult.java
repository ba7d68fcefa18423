package dev.batoncf.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one sync did.
 *
 * @param resourcesByType resources written per resource type id, in type order
 * @param skipped feeds left out, each with the reason (e.g. a missing token permission)
 * @param requests Cloudflare HTTP requests sent, retries included
 * @param requestsByEndpoint logical calls per "METHOD /path/template"
 */
public record SyncResult(
    String syncId,
    Map<String, Long> resourcesByType,
    long entitlements,
    long grants,
    List<String> skipped,
    long requests,
    Map<String, Long> requestsByEndpoint,
    Duration elapsed,
    Duration httpTime,
    Duration rateLimitWait) {

  public long resources() {
    return resourcesByType.values().stream().mapToLong(Long::longValue).sum();
  }

  public long rows() {
    return resources() + entitlements + grants + resourcesByType.size();
  }
}
