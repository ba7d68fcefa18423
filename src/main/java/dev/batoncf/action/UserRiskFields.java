package dev.batoncf.action;

import static dev.batoncf.action.Schemas.string;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.cloudflare.model.UserRisk;
import dev.batoncf.pb.config.v1.Field;
import dev.batoncf.pb.config.v1.WellKnownString;

/** What the two user-risk actions share: the email argument and the user part of results. */
final class UserRiskFields {
  static final String ARG_EMAIL = "email";
  static final String NO_SUCH_USER = "no Zero Trust Access user has this email";

  static final Field EMAIL =
      string(
          ARG_EMAIL,
          "Email",
          "The user's email address in Zero Trust " + "Access",
          true,
          "user@example.com",
          WellKnownString.WELL_KNOWN_STRING_EMAIL);

  private UserRiskFields() {}

  /** {@code email}, {@code name}, {@code userId} of the Access user found. */
  static JsonObject user(AccessUser u) {
    JsonObject o = new JsonObject();
    o.addProperty(Results.FOUND, true);
    o.addProperty("email", u.email());
    o.addProperty("name", u.name());
    o.addProperty("userId", u.id());
    return o;
  }

  /** Adds the risk score's fields; events keep Cloudflare's order. */
  static JsonObject withRisk(JsonObject user, UserRisk risk) {
    user.addProperty("riskLevel", risk == null ? null : risk.riskLevel());
    user.addProperty("lastResetTime", risk == null ? null : risk.lastResetTime());
    JsonArray events = new JsonArray();
    if (risk != null && risk.events() != null) {
      for (UserRisk.Event e : risk.events()) {
        JsonObject ev = new JsonObject();
        ev.addProperty("id", e.id());
        ev.addProperty("name", e.name());
        ev.addProperty("riskLevel", e.riskLevel());
        ev.addProperty("timestamp", e.timestamp());
        ev.add("eventDetails", e.eventDetails() == null ? new JsonObject() : e.eventDetails());
        events.add(ev);
      }
    }
    user.addProperty("eventCount", events.size());
    user.add("riskEvents", events);
    return user;
  }
}
