package dev.batoncf.cloudflare.http;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests per endpoint template ("GET /accounts/{account_id}/members"), so a sync, the
 * simulator and the benchmark can report what each Cloudflare operation cost. It listens to the
 * stack's {@link HttpEvents}; {@link CloudflareHttp#build} wires it in. Thread-safe. Use one
 * instance per client (or per sync) to get per-run numbers.
 */
public final class RequestMetrics implements HttpEvents {

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
  private final LongAdder totalCalls = new LongAdder();
  private final LongAdder totalAttempts = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder failedAttempts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder rateLimitWaitNanos = new LongAdder();
  private final LongAdder retryWaitNanos = new LongAdder();

  @Override
  public void onCall(String endpoint) {
    calls.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    totalCalls.increment();
  }

  @Override
  public void onAttempt(String endpoint, int status, Duration elapsed) {
    attempts.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    totalAttempts.increment();
    if (status == 429) {
      rateLimited.increment();
    } else if (status == 0) {
      failedAttempts.increment();
    }
  }

  @Override
  public void onRateLimitWait(Duration waited) {
    rateLimitWaitNanos.add(waited.toNanos());
  }

  @Override
  public void onRetry(String endpoint, String reason, Duration wait) {
    retries.increment();
    retryWaitNanos.add(wait.toNanos());
  }

  /** Logical calls per endpoint, sorted by endpoint. */
  public Map<String, Long> callsByEndpoint() {
    return snapshot(calls);
  }

  /** HTTP attempts per endpoint (retries included), sorted by endpoint. */
  public Map<String, Long> attemptsByEndpoint() {
    return snapshot(attempts);
  }

  public long totalCalls() {
    return totalCalls.sum();
  }

  /** Requests actually sent (or tried): calls plus retries. */
  public long totalAttempts() {
    return totalAttempts.sum();
  }

  /** Responses with HTTP 429. */
  public long rateLimitedResponses() {
    return rateLimited.sum();
  }

  /** Attempts that got no HTTP response at all. */
  public long failedAttempts() {
    return failedAttempts.sum();
  }

  public long retries() {
    return retries.sum();
  }

  /** Time callers spent waiting on the rate limiter or on a 429's Retry-After. */
  public Duration totalRateLimitWait() {
    return Duration.ofNanos(rateLimitWaitNanos.sum());
  }

  /** Time announced for retries (backoff and Retry-After waits), summed. */
  public Duration totalRetryWait() {
    return Duration.ofNanos(retryWaitNanos.sum());
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return totalCalls()
        + " calls, "
        + totalAttempts()
        + " attempts, "
        + retries()
        + " retries, "
        + rateLimitedResponses()
        + " x 429, rate-limit wait "
        + Durations.human(totalRateLimitWait());
  }
}
