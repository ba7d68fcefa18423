package dev.batoncf.cloudflare.http;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stack reports while it works, e.g. for progress on stderr. Every method has a no-op
 * default. Called on the thread making the request; keep implementations quick and thread-safe.
 * {@code endpoint} is the template key of {@link ErrorClassifier#endpointOf}.
 */
public interface HttpEvents {

  /** A logical call started (once per call, however many attempts follow). */
  default void onCall(String endpoint) {}

  /**
   * One HTTP attempt finished.
   *
   * @param status the HTTP status, or 0 when no response arrived (connection or timeout failure)
   * @param elapsed time on the network for this attempt, rate-limit waits excluded
   */
  default void onAttempt(String endpoint, int status, Duration elapsed) {}

  /** A caller waited this long because of rate limiting (client budget or Cloudflare's 429). */
  default void onRateLimitWait(Duration waited) {}

  /** An attempt failed and the call will be retried after {@code wait}. */
  default void onRetry(String endpoint, String reason, Duration wait) {}

  static HttpEvents none() {
    return NoEvents.INSTANCE;
  }

  /**
   * Sends every event to each listener in order. A listener that throws is logged and skipped:
   * progress reporting must never fail a Cloudflare call.
   */
  static HttpEvents fanOut(HttpEvents... listeners) {
    List<HttpEvents> all = List.of(listeners);
    Logger log = LoggerFactory.getLogger(HttpEvents.class);
    return new HttpEvents() {
      @Override
      public void onCall(String endpoint) {
        each(l -> l.onCall(endpoint));
      }

      @Override
      public void onAttempt(String endpoint, int status, Duration elapsed) {
        each(l -> l.onAttempt(endpoint, status, elapsed));
      }

      @Override
      public void onRateLimitWait(Duration waited) {
        each(l -> l.onRateLimitWait(waited));
      }

      @Override
      public void onRetry(String endpoint, String reason, Duration wait) {
        each(l -> l.onRetry(endpoint, reason, wait));
      }

      private void each(java.util.function.Consumer<HttpEvents> event) {
        for (HttpEvents l : all) {
          try {
            event.accept(l);
          } catch (RuntimeException e) {
            log.warn("HTTP event listener {} failed: {}", l.getClass().getName(), e.toString());
          }
        }
      }
    };
  }
}

/** The shared no-op listener (an enum: one immutable instance). */
enum NoEvents implements HttpEvents {
  INSTANCE
}
