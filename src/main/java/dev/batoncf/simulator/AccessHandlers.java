package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zero Trust Access users and groups (cloudflare-api.md §6, §8). Both lists page with {@code
 * per_page} 1–1000 (default 1000) and return {@code total_pages}.
 *
 * <p>Filters: users {@code email} (exact, case-insensitive), {@code name} (substring), {@code
 * search} (substring of email or name); groups {@code name} (exact, case-insensitive) and {@code
 * search} (substring of name).
 *
 * <p>Group writes: POST (201) and PUT (200) require a non-empty {@code name} and an {@code include}
 * array; every rule must be an object with exactly one key whose value is an object, and an {@code
 * email} rule needs an address. Unknown rule kinds and unknown top-level fields are stored
 * verbatim. PUT is a full replacement: the stored group becomes exactly the body plus {@code id},
 * the original {@code created_at} and a new {@code updated_at}. {@code is_default} is accepted as a
 * boolean, an array (the response-schema quirk) or null. DELETE answers 202 with {@code {id}}.
 */
final class AccessHandlers {
  private final SimAccount account;

  AccessHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.ACCESS_USERS, Area.ACCESS, this::users);
    r.add("GET", Paths.ACCESS_GROUPS, Area.ACCESS, this::groups);
    r.add("POST", Paths.ACCESS_GROUPS, Area.ACCESS, this::createGroup);
    r.add("GET", Paths.ACCESS_GROUP, Area.ACCESS, this::group);
    r.add("PUT", Paths.ACCESS_GROUP, Area.ACCESS, this::replaceGroup);
    r.add("DELETE", Paths.ACCESS_GROUP, Area.ACCESS, this::deleteGroup);
  }

  private SimResponse users(SimRequest req) {
    Paging paging = Paging.access(req);
    String email = lower(req.query("email"));
    String name = lower(req.query("name"));
    String search = lower(req.query("search"));
    List<SimAccessUser> all = new ArrayList<>();
    for (SimAccessUser u : account.accessUsers()) {
      String ue = lower(u.email());
      String un = lower(u.name());
      if (email != null && !email.equals(ue)) {
        continue;
      }
      if (name != null && (un == null || !un.contains(name))) {
        continue;
      }
      if (search != null
          && !(ue != null && ue.contains(search))
          && !(un != null && un.contains(search))) {
        continue;
      }
      all.add(u);
    }
    List<SimAccessUser> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(u -> result.add(Views.accessUser(u)));
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), true));
  }

  private SimResponse groups(SimRequest req) {
    Paging paging = Paging.access(req);
    String name = lower(req.query("name"));
    String search = lower(req.query("search"));
    List<JsonObject> all = new ArrayList<>();
    for (JsonObject g : account.groups()) {
      String gn = lower(MemberHandlers.string(g, "name"));
      if (name != null && !name.equals(gn)) {
        continue;
      }
      if (search != null && (gn == null || !gn.contains(search))) {
        continue;
      }
      all.add(g);
    }
    List<JsonObject> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(result::add);
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), true));
  }

  private SimResponse group(SimRequest req) {
    return SimResponse.ok(existing(req));
  }

  private SimResponse createGroup(SimRequest req) {
    JsonObject body = validGroup(req.jsonObject());
    String now = account.now();
    body.addProperty("id", account.newUuid());
    body.addProperty("created_at", now);
    body.addProperty("updated_at", now);
    account.putGroup(body);
    logged(req, MemberHandlers.string(body, "id"), AuditTrail.CREATE, "Create Access group");
    return SimResponse.ok(201, body);
  }

  private SimResponse replaceGroup(SimRequest req) {
    JsonObject old = existing(req);
    JsonObject body = validGroup(req.jsonObject());
    body.addProperty("id", MemberHandlers.string(old, "id"));
    JsonElement created = old.get("created_at");
    body.remove("created_at");
    if (created != null) {
      body.add("created_at", created);
    }
    body.addProperty("updated_at", account.now());
    account.putGroup(body);
    logged(req, MemberHandlers.string(body, "id"), AuditTrail.UPDATE, "Update Access group");
    return SimResponse.ok(body);
  }

  private void logged(SimRequest req, String groupId, String type, String description) {
    account
        .audit()
        .api(req, AuditTrail.PRODUCT_ACCESS, AuditTrail.TYPE_GROUP, groupId, type, description);
  }

  private SimResponse deleteGroup(SimRequest req) {
    JsonObject g = existing(req);
    String id = MemberHandlers.string(g, "id");
    account.removeGroup(id);
    logged(req, id, AuditTrail.DELETE, "Delete Access group");
    JsonObject result = new JsonObject();
    result.addProperty("id", id);
    return SimResponse.ok(202, result);
  }

  private JsonObject existing(SimRequest req) {
    return account
        .group(req.param("group_id"))
        .orElseThrow(() -> SimError.notFound("Access group"));
  }

  private static JsonObject validGroup(JsonObject body) {
    String name = MemberHandlers.string(body, "name");
    if (name == null || name.isBlank()) {
      throw SimError.validation("name is required");
    }
    JsonElement include = body.get("include");
    if (include == null || !include.isJsonArray()) {
      throw SimError.validation("include is required and must be an array of rules");
    }
    for (String section : List.of("include", "exclude", "require")) {
      JsonElement rules = body.get(section);
      if (rules == null || rules.isJsonNull()) {
        continue;
      }
      if (!rules.isJsonArray()) {
        throw SimError.validation(section + " must be an array of rules");
      }
      for (JsonElement rule : rules.getAsJsonArray()) {
        checkRule(section, rule);
      }
    }
    JsonElement isDefault = body.get("is_default");
    if (isDefault != null
        && !isDefault.isJsonNull()
        && !isDefault.isJsonArray()
        && !(isDefault.isJsonPrimitive() && isDefault.getAsJsonPrimitive().isBoolean())) {
      throw SimError.validation("is_default must be a boolean");
    }
    return body;
  }

  private static void checkRule(String section, JsonElement rule) {
    if (!rule.isJsonObject() || rule.getAsJsonObject().size() != 1) {
      throw SimError.validation(section + " rules must be objects with exactly one rule key");
    }
    Map.Entry<String, JsonElement> kind = rule.getAsJsonObject().entrySet().iterator().next();
    if (!kind.getValue().isJsonObject()) {
      throw SimError.validation(section + " rule " + kind.getKey() + " must hold an object");
    }
    if (kind.getKey().equals("email")) {
      String email = MemberHandlers.string(kind.getValue().getAsJsonObject(), "email");
      if (email == null || !email.contains("@")) {
        throw SimError.validation(section + " email rule needs an email address");
      }
    }
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
