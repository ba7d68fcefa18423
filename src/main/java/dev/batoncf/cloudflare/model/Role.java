package dev.batoncf.cloudflare.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account role. {@code permissions} arrives in two shapes (cloudflare-api.md §4): an array of
 * strings such as "#zones:read", or an object of {@code {read, write}} flags per area.
 */
public record Role(String id, String name, String description, JsonElement permissions) {
  /** Cloudflare's Super Administrator; the roles list may omit it (peers.md A1). */
  public static final String SUPER_ADMINISTRATOR_ID = "33666b9c79b9a5273fc7344ff42f953d";

  public static final String SUPER_ADMINISTRATOR_NAME = "Super Administrator - All Privileges";

  /** The permissions as sorted "area:read"/"area:write" strings, whatever shape they came in. */
  public List<String> permissionList() {
    List<String> out = new ArrayList<>();
    if (permissions == null || permissions.isJsonNull()) {
      return out;
    }
    if (permissions.isJsonArray()) {
      for (JsonElement e : permissions.getAsJsonArray()) {
        if (e.isJsonPrimitive()) {
          String s = e.getAsString();
          out.add(s.startsWith("#") ? s.substring(1) : s);
        }
      }
    } else if (permissions.isJsonObject()) {
      Map<String, JsonElement> sorted = new TreeMap<>(permissions.getAsJsonObject().asMap());
      for (Map.Entry<String, JsonElement> area : sorted.entrySet()) {
        if (!area.getValue().isJsonObject()) {
          continue;
        }
        JsonObject flags = area.getValue().getAsJsonObject();
        if (flag(flags, "read")) {
          out.add(area.getKey() + ":read");
        }
        if (flag(flags, "write")) {
          out.add(area.getKey() + ":write");
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean flag(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null
        && e.isJsonPrimitive()
        && e.getAsJsonPrimitive().isBoolean()
        && e.getAsBoolean();
  }
}
