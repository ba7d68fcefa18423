package dev.batoncf.cloudflare.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An IAM resource group (cloudflare-api.md §4, §14). {@code scope} is one {@code {key,
 * objects:[{key}]}} object in the newest schema and an array of them in the older one; both are
 * read.
 */
public record ResourceGroup(String id, String name, JsonElement scope) {
  /** Object key meaning "every object under the scope key". */
  public static final String ALL_OBJECTS = "*";

  /** One scope entry: a key such as {@code com.cloudflare.api.account.<acct>} and its objects. */
  public record Scope(String key, List<String> objects) {}

  /** Every scope entry, whichever shape it came in; malformed parts are skipped. */
  public List<Scope> scopes() {
    List<Scope> out = new ArrayList<>();
    if (scope == null || scope.isJsonNull()) {
      return out;
    }
    if (scope.isJsonArray()) {
      scope.getAsJsonArray().forEach(e -> addScope(e, out));
    } else {
      addScope(scope, out);
    }
    return out;
  }

  private static void addScope(JsonElement e, List<Scope> out) {
    if (!e.isJsonObject()) {
      return;
    }
    JsonObject o = e.getAsJsonObject();
    String key = string(o, "key");
    List<String> objects = new ArrayList<>();
    JsonElement objs = o.get("objects");
    if (objs != null && objs.isJsonArray()) {
      for (JsonElement x : objs.getAsJsonArray()) {
        if (x.isJsonObject() && string(x.getAsJsonObject(), "key") != null) {
          objects.add(string(x.getAsJsonObject(), "key"));
        }
      }
    }
    if (key != null) {
      out.add(new Scope(key, objects));
    }
  }

  private static String string(JsonObject o, String field) {
    JsonElement v = o.get(field);
    return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
  }
}
