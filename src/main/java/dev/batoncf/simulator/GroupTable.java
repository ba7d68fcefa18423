package dev.batoncf.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Access groups as JSON objects, in creation order. Deep copies go in and out, so no caller can
 * change a stored group behind the simulator's back, and unknown fields survive untouched.
 */
final class GroupTable {
  private final Map<String, JsonObject> groups = new LinkedHashMap<>();

  synchronized List<JsonObject> all() {
    List<JsonObject> out = new ArrayList<>(groups.size());
    groups.values().forEach(g -> out.add(g.deepCopy()));
    return out;
  }

  synchronized Optional<JsonObject> get(String id) {
    JsonObject g = groups.get(id);
    return g == null ? Optional.empty() : Optional.of(g.deepCopy());
  }

  synchronized void put(JsonObject group) {
    JsonElement gid = group.get("id");
    if (gid == null || !gid.isJsonPrimitive()) {
      throw new IllegalArgumentException("group needs a string id");
    }
    groups.put(gid.getAsString(), group.deepCopy());
  }

  synchronized boolean replace(String id, JsonObject group) {
    if (!groups.containsKey(id)) {
      return false;
    }
    JsonObject copy = group.deepCopy();
    copy.addProperty("id", id);
    groups.put(id, copy);
    return true;
  }

  synchronized boolean update(String id, UnaryOperator<JsonObject> edit) {
    JsonObject g = groups.get(id);
    return g != null && replace(id, edit.apply(g.deepCopy()));
  }

  synchronized boolean remove(String id) {
    return groups.remove(id) != null;
  }
}
