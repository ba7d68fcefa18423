package dev.batoncf.cloudflare.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A Zero Trust Access application (cloudflare-api.md §15), kept as the JSON Cloudflare sent: the 14
 * application kinds carry different fields, and the policies come embedded in full.
 */
public record AccessApp(JsonObject raw) {
  public static final String POLICIES = "policies";

  public AccessApp {
    raw = raw == null ? new JsonObject() : raw;
  }

  public String id() {
    return string(raw, "id");
  }

  public String name() {
    return string(raw, "name");
  }

  public String type() {
    return string(raw, "type");
  }

  public String domain() {
    return string(raw, "domain");
  }

  public String sessionDuration() {
    return string(raw, "session_duration");
  }

  /** The embedded policies that are objects (a bare id string carries no rules). */
  public List<JsonObject> policies() {
    List<JsonObject> out = new ArrayList<>();
    JsonElement e = raw.get(POLICIES);
    if (e != null && e.isJsonArray()) {
      for (JsonElement p : e.getAsJsonArray()) {
        if (p.isJsonObject()) {
          out.add(p.getAsJsonObject());
        }
      }
    }
    return out;
  }

  /** The rule array {@code section} of a policy object; absent or not an array is empty. */
  public static JsonArray rules(JsonObject policy, String section) {
    JsonElement e = policy.get(section);
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
  }

  public static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }
}
