package dev.batoncf.cloudflare.model;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * {@code GET /zt_risk_scoring/{user_id}} (cloudflare-api.md §9).
 *
 * @param riskLevel low, medium or high; null (absent) when the user was never scored
 * @param lastResetTime RFC 3339, or null
 */
public record UserRisk(
    String name, String email, String riskLevel, String lastResetTime, List<Event> events) {

  /** A risk event; {@code event_details} is free-form. */
  public record Event(
      String id, String name, String riskLevel, String timestamp, JsonObject eventDetails) {}
}
