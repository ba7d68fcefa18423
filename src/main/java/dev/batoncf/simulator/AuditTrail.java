package dev.batoncf.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The account's v2 audit log (cloudflare-api.md §17): every write the simulator accepts, and every
 * change made through {@link AdminConsole}, appends the record Cloudflare would. Changes Cloudflare
 * does not log (an Access user appearing at login, a risk level moving) are made on {@link
 * SimAccount} directly and append nothing. Records keep their order of arrival, which is their time
 * order.
 */
public final class AuditTrail {
  /** {@code resource.product} and {@code resource.type} values the simulator logs. */
  public static final String PRODUCT_MEMBERS = "members";

  public static final String TYPE_MEMBER = "member";
  public static final String PRODUCT_TOKENS = "api_tokens";
  public static final String TYPE_TOKEN = "token";
  public static final String PRODUCT_ACCESS = "access";
  public static final String TYPE_GROUP = "group";
  public static final String PRODUCT_GATEWAY = "gateway";
  public static final String TYPE_LIST = "list";
  public static final String PRODUCT_RISK = "zt_risk_scoring";
  public static final String TYPE_USER_RISK = "user_risk";
  public static final String TYPE_INTEGRATION = "integration";

  /** {@code action.type} values. */
  public static final String CREATE = "create";

  public static final String UPDATE = "update";
  public static final String DELETE = "delete";

  /** Who made a change: an API caller or someone in the dashboard. */
  public enum Actor {
    API_TOKEN,
    DASHBOARD
  }

  /**
   * One logged change.
   *
   * @param seq position in the trail (the cursor points past it)
   */
  public record Entry(
      long seq,
      String id,
      Instant time,
      String product,
      String type,
      String resourceId,
      String actionType,
      String description,
      String method,
      String uri,
      Actor actor,
      JsonObject request,
      JsonObject response) {}

  private final Supplier<Instant> clock;
  private final List<Entry> entries = new ArrayList<>();
  private String accountId;
  private String accountName;

  AuditTrail(Supplier<Instant> clock) {
    this.clock = clock;
  }

  synchronized void account(String id, String name) {
    this.accountId = id;
    this.accountName = name;
  }

  /** Appends a record stamped now; returns it. */
  public synchronized Entry append(
      String product,
      String type,
      String resourceId,
      String actionType,
      String description,
      String method,
      String uri,
      Actor actor) {
    long seq = entries.size();
    Entry e =
        new Entry(
            seq,
            Ids.uuid(new java.util.SplittableRandom(seq * 7919 + 17)),
            clock.get().truncatedTo(ChronoUnit.MILLIS),
            product,
            type,
            resourceId,
            actionType,
            description,
            method,
            uri,
            actor,
            null,
            null);
    entries.add(e);
    return e;
  }

  /** The record of a write accepted over the API, with the request's method and path. */
  Entry api(
      SimRequest req,
      String product,
      String type,
      String resourceId,
      String actionType,
      String description) {
    return append(
        product,
        type,
        resourceId,
        actionType,
        description,
        req.method(),
        req.path(),
        Actor.API_TOKEN);
  }

  /**
   * Runs an API write and gives the records it appended their payload: the request body and, as
   * {@code response}, the written object (for a delete, the object as it was, so a reader can still
   * tell a member's user id; a simulator choice, Cloudflare documents nothing).
   */
  SimResponse withPayloads(
      SimRequest req, Supplier<JsonObject> before, Supplier<SimResponse> handler) {
    int from = size();
    JsonObject old = req.method().equals("DELETE") ? before.get() : null;
    SimResponse resp = handler.get();
    if (resp.status() / 100 == 2 && size() > from) {
      JsonElement body = req.body().isBlank() ? null : JsonParser.parseString(req.body());
      JsonObject written = old != null ? old : result(resp);
      attach(from, body != null && body.isJsonObject() ? body.getAsJsonObject() : null, written);
    }
    return resp;
  }

  private synchronized void attach(int from, JsonObject request, JsonObject response) {
    for (int i = from; i < entries.size(); i++) {
      Entry e = entries.get(i);
      entries.set(
          i,
          new Entry(
              e.seq(),
              e.id(),
              e.time(),
              e.product(),
              e.type(),
              e.resourceId(),
              e.actionType(),
              e.description(),
              e.method(),
              e.uri(),
              e.actor(),
              request,
              response));
    }
  }

  private static JsonObject result(SimResponse resp) {
    JsonElement env = JsonParser.parseString(new String(resp.body(), StandardCharsets.UTF_8));
    JsonElement r = env.isJsonObject() ? env.getAsJsonObject().get("result") : null;
    return r != null && r.isJsonObject() ? r.getAsJsonObject() : null;
  }

  /** Every record, oldest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized int size() {
    return entries.size();
  }

  /** Records in {@code [since, before)} after position {@code after} (-1: from the start). */
  synchronized List<Entry> window(Instant since, Instant before, long after) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.seq() > after && !e.time().isBefore(since) && e.time().isBefore(before)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The record as {@code GET /logs/audit} shows it ({@code aaa_audit-logs-v2}). */
  synchronized JsonObject view(Entry e) {
    JsonObject o = new JsonObject();
    o.addProperty("id", e.id());
    JsonObject account = new JsonObject();
    account.addProperty("id", accountId);
    account.addProperty("name", accountName);
    o.add("account", account);
    JsonObject action = new JsonObject();
    action.addProperty("description", e.description());
    action.addProperty("result", "success");
    action.addProperty("time", e.time().toString());
    action.addProperty("type", e.actionType());
    o.add("action", action);
    JsonObject actor = new JsonObject();
    actor.addProperty("context", e.actor() == Actor.API_TOKEN ? "api_token" : "dash");
    actor.addProperty("email", "admin@acme.example");
    actor.addProperty("id", Ids.hex32("audit-actor"));
    actor.addProperty("ip_address", "127.0.0.1");
    actor.addProperty("type", "user");
    o.add("actor", actor);
    JsonObject resource = new JsonObject();
    resource.addProperty("id", e.resourceId());
    resource.addProperty("product", e.product());
    resource.addProperty("type", e.type());
    resource.add("request", e.request() == null ? new JsonObject() : e.request().deepCopy());
    resource.add("response", e.response() == null ? new JsonObject() : e.response().deepCopy());
    o.add("resource", resource);
    JsonObject raw = new JsonObject();
    raw.addProperty("cf_ray_id", Long.toHexString(0x8e9b1c60ef9e0000L + e.seq()));
    raw.addProperty("method", e.method());
    raw.addProperty("status_code", 200);
    raw.addProperty("uri", e.uri());
    raw.addProperty(
        "user_agent", e.actor() == Actor.API_TOKEN ? "baton-cloudflare" : "Mozilla/5.0");
    o.add("raw", raw);
    return o;
  }
}
