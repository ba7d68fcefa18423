package dev.batoncf.cloudflare.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A Zero Trust Access group, kept as the JSON Cloudflare sent: a PUT must send back every field we
 * do not mean to change, including rule kinds this version does not know.
 */
public record AccessGroup(JsonObject raw) {
  public static final String INCLUDE = "include";
  public static final String EXCLUDE = "exclude";
  public static final String REQUIRE = "require";

  public AccessGroup {
    raw = raw == null ? new JsonObject() : raw;
  }

  public String id() {
    return string("id");
  }

  public String name() {
    return string("name");
  }

  /** The rules of one section; an absent or non-array section is empty. */
  public JsonArray rules(String section) {
    JsonElement e = raw.get(section);
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
  }

  /** Whether the list response already carries the rules (else the group must be fetched). */
  public boolean hasRules() {
    return raw.has(INCLUDE);
  }

  private String string(String key) {
    JsonElement e = raw.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }
}
