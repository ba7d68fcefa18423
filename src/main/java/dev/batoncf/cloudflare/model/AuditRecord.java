package dev.batoncf.cloudflare.model;

import com.google.gson.JsonObject;

/**
 * One v2 audit log record ({@code aaa_audit-logs-v2}, cloudflare-api.md §17): what was done to
 * which resource, when. The changed payload is only in {@code resource.request} and
 * {@code resource.response}, free-form objects.
 */
public record AuditRecord(String id, Action action, AuditResource resource) {

  /** {@code action}: e.g. {@code {description: "Add Member", type: "create", time: …}}. */
  public record Action(String description, String result, String time, String type) {}

  /** {@code resource}: e.g. {@code {id, product: "members", type: "member", …}}. */
  public record AuditResource(String id, String product, String type, JsonObject request,
      JsonObject response) {}
}
