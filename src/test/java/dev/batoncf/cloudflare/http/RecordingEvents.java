package dev.batoncf.cloudflare.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Remembers every event as a line, for exact assertions. */
final class RecordingEvents implements HttpEvents {
  private final List<String> lines = new ArrayList<>();

  @Override
  public synchronized void onCall(String endpoint) {
    lines.add("call " + endpoint);
  }

  @Override
  public synchronized void onAttempt(String endpoint, int status, Duration elapsed) {
    lines.add("attempt " + endpoint + " " + status);
  }

  @Override
  public synchronized void onRateLimitWait(Duration waited) {
    lines.add("rate-limit wait " + Durations.human(waited));
  }

  @Override
  public synchronized void onRetry(String endpoint, String reason, Duration wait) {
    lines.add("retry " + endpoint + " " + reason + " " + Durations.human(wait));
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
