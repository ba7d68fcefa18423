package dev.batoncf.cloudflare.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One record of the v2 account audit log (cloudflare-api.md §17). There are no before/after values:
 * a record says what was touched ({@code resource}) and how ({@code action}); the payload, where
 * there is one, is in {@code resource.request} and {@code resource.response}, free-form objects.
 * Every field is nullable; {@code resource.scope} is read as any JSON value because the schema
 * types it as an object while its example is a string.
 */
public record AuditRecord(String id, Action action, Target resource, Zone zone) {

  /** {@code action}: {@code type} is create, update, delete or view; {@code time} RFC 3339. */
  public record Action(String description, String result, String time, String type) {}

  /** {@code resource}: the product and type say what kind of object, {@code id} which one. */
  public record Target(
      String id,
      String product,
      String type,
      JsonElement scope,
      JsonObject request,
      JsonObject response) {
    /** The scope as text ("accounts", "zones", "user"), or null. */
    public String scopeName() {
      return scope != null && scope.isJsonPrimitive() ? scope.getAsString() : null;
    }
  }

  /** {@code zone}: present for zone-level changes. */
  public record Zone(String id, String name) {}

  public static final String RESULT_SUCCESS = "success";
  public static final String TYPE_VIEW = "view";
}
