package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The account's v2 audit log ({@code GET /accounts/{acct}/logs/audit}, cloudflare-api.md §17):
 * every member and Access group write the simulator accepts appends the record Cloudflare would,
 * in {@code aaa_audit-logs-v2}'s shape. Sim choices where Cloudflare documents nothing: the
 * record's {@code resource.response} is the written object (for a delete, the object as it was,
 * so a reader can still tell a member's user id); the cursor is an opaque offset.
 */
final class AuditTrail {
  /** A write that is logged: its product, resource type and action description. */
  private record Audited(String product, String type, String description, String idParam) {}

  private static final Map<String, Audited> WRITES = Map.of(
      "POST " + Paths.MEMBERS, new Audited("members", "member", "Add Member", null),
      "PUT " + Paths.MEMBER, new Audited("members", "member", "Update Member", "member_id"),
      "DELETE " + Paths.MEMBER, new Audited("members", "member", "Delete Member", "member_id"),
      "POST " + Paths.ACCESS_GROUPS, new Audited("access", "group", "Create Access Group", null),
      "PUT " + Paths.ACCESS_GROUP,
      new Audited("access", "group", "Update Access Group", "group_id"),
      "DELETE " + Paths.ACCESS_GROUP,
      new Audited("access", "group", "Delete Access Group", "group_id"));

  private final SimAccount account;
  private final List<JsonObject> records = new ArrayList<>();
  private final AtomicLong seq = new AtomicLong();

  AuditTrail(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.AUDIT_LOGS, Area.ACCOUNT, this::list);
  }

  /** Runs a write and, when it succeeded, appends its record. */
  SimResponse around(SimRequest req, String template, Supplier<SimResponse> handler) {
    Audited a = WRITES.get(req.method() + " " + template);
    if (a == null) {
      return handler.get();
    }
    JsonObject before = a.idParam() == null || !req.method().equals("DELETE") ? null
        : current(a, req.param(a.idParam())).orElse(null);
    SimResponse resp = handler.get();
    if (resp.status() / 100 == 2) {
      JsonObject result = result(resp);
      JsonObject written = before != null ? before : result;
      String id = a.idParam() != null ? req.param(a.idParam())
          : written != null && written.has("id") ? written.get("id").getAsString() : "";
      append(req, template, a, id, written, resp.status());
    }
    return resp;
  }

  private Optional<JsonObject> current(Audited a, String id) {
    if (a.type().equals("member")) {
      return account.member(id).map(m -> Views.member(m, account));
    }
    return account.groups().stream().filter(g -> g.get("id").getAsString().equals(id))
        .findFirst();
  }

  private static JsonObject result(SimResponse resp) {
    JsonElement env = JsonParser.parseString(new String(resp.body(), StandardCharsets.UTF_8));
    JsonElement r = env.getAsJsonObject().get("result");
    return r != null && r.isJsonObject() ? r.getAsJsonObject() : null;
  }

  private void append(SimRequest req, String template, Audited a, String id, JsonObject written,
      int status) {
    JsonObject rec = new JsonObject();
    rec.addProperty("id", Ids.uuid("audit:" + seq.incrementAndGet()));
    JsonObject acct = new JsonObject();
    acct.addProperty("id", account.id());
    acct.addProperty("name", account.name());
    rec.add("account", acct);
    JsonObject action = new JsonObject();
    action.addProperty("description", a.description());
    action.addProperty("result", "success");
    action.addProperty("time", account.now());
    action.addProperty("type", switch (req.method()) {
      case "POST" -> "create";
      case "DELETE" -> "delete";
      default -> "update";
    });
    rec.add("action", action);
    JsonObject actor = new JsonObject();
    actor.addProperty("context", req.caller() != null && req.caller().isToken() ? "api_token"
        : "api_key");
    actor.addProperty("type", "user");
    rec.add("actor", actor);
    JsonObject resource = new JsonObject();
    resource.addProperty("id", id);
    resource.addProperty("product", a.product());
    resource.addProperty("type", a.type());
    JsonElement body = req.body().isBlank() ? null : JsonParser.parseString(req.body());
    resource.add("request", body != null && body.isJsonObject() ? body : new JsonObject());
    resource.add("response", written == null ? new JsonObject() : written.deepCopy());
    rec.add("resource", resource);
    JsonObject raw = new JsonObject();
    raw.addProperty("method", req.method());
    raw.addProperty("status_code", status);
    raw.addProperty("uri", template.replace("{account_id}", account.id()));
    rec.add("raw", raw);
    synchronized (this) {
      records.add(rec);
    }
  }

  /** Records appended so far (tests). */
  synchronized int size() {
    return records.size();
  }

  private SimResponse list(SimRequest req) {
    Instant since = time(req.query("since"), "since");
    Instant before = time(req.query("before"), "before");
    String direction = req.query("direction") == null ? "desc" : req.query("direction");
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw SimError.validation("direction must be asc or desc");
    }
    int limit = 100;
    if (req.query("limit") != null) {
      try {
        limit = Integer.parseInt(req.query("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 1000) {
        throw SimError.validation("limit must be between 1 and 1000");
      }
    }
    List<JsonObject> window = new ArrayList<>();
    synchronized (this) {
      for (JsonObject r : records) {
        Instant t = Instant.parse(r.getAsJsonObject("action").get("time").getAsString());
        if (!t.isBefore(since) && t.isBefore(before)) {
          window.add(r.deepCopy());
        }
      }
    }
    if (direction.equals("desc")) {
      java.util.Collections.reverse(window);
    }
    int from = offset(req.query("cursor"), window.size());
    int to = Math.min(window.size(), from + limit);
    JsonArray result = new JsonArray();
    window.subList(from, to).forEach(result::add);
    JsonObject info = new JsonObject();
    info.addProperty("count", String.valueOf(to - from));
    if (to < window.size()) {
      info.addProperty("cursor", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("o:" + to).getBytes(StandardCharsets.UTF_8)));
    }
    return SimResponse.page(result, info);
  }

  private static Instant time(String text, String name) {
    if (text == null || text.isBlank()) {
      throw SimError.validation(name + " is required");
    }
    try {
      return text.length() == 10 ? Instant.parse(text + "T00:00:00Z") : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw SimError.validation(name + " must be a date or an RFC 3339 timestamp");
    }
  }

  private static int offset(String cursor, int size) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int o = Integer.parseInt(s.substring(2));
      if (!s.startsWith("o:") || o < 0 || o > size) {
        throw SimError.validation("invalid cursor");
      }
      return o;
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw SimError.validation("invalid cursor");
    }
  }
}
