package dev.batoncf.simulator;

import java.util.List;
import java.util.Map;

/**
 * Risk-scoring state of one Access user (cloudflare-api.md §9).
 *
 * @param riskLevel low/medium/high, or null when unscored (rendered absent)
 * @param events risk events, newest last
 * @param lastResetTime RFC 3339, or null
 */
public record SimRisk(String riskLevel, List<Event> events, String lastResetTime) {

  public SimRisk {
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** {@code {id, name, risk_level, timestamp, event_details}}. */
  public record Event(
      String id, String name, String riskLevel, String timestamp, Map<String, String> details) {
    public Event {
      details = details == null ? Map.of() : Map.copyOf(details);
    }
  }
}
