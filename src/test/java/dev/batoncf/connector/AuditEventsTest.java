package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.model.AuditRecord;
import org.junit.jupiter.api.Test;

/** The audit-log table: what each record asks of an incremental sync. */
class AuditEventsTest {
  private final AuditEvents events = AuditEvents.standard();

  private static AuditRecord record(
      String product, String type, String action, String result, String scope, String zoneId) {
    return new AuditRecord(
        "r1",
        new AuditRecord.Action("x", result, "2026-01-01T00:00:00Z", action),
        new AuditRecord.Target(
            "id1", product, type, scope == null ? null : new JsonPrimitive(scope), null, null),
        zoneId == null ? null : new AuditRecord.Zone(zoneId, "example.com"));
  }

  @Test
  void membersAreReFetchedAndTokensReRead() {
    assertEquals(
        AuditEvents.Action.MEMBER,
        events
            .decide(record("members", "member", "update", "success", "accounts", null))
            .line()
            .action());
    assertEquals(
        AuditEvents.Action.TOKENS,
        events
            .decide(record("api_tokens", "token", "create", "success", null, null))
            .line()
            .action());
    assertEquals(
        AuditEvents.Action.ALWAYS_READ,
        events.decide(record("access", "group", "delete", "success", null, null)).line().action());
    assertEquals(
        AuditEvents.Action.CANNOT_REFETCH,
        events
            .decide(record("iam", "user_group", "update", "success", null, null))
            .line()
            .action());
  }

  @Test
  void viewsFailuresAndZoneChangesAreIgnored() {
    for (AuditRecord r :
        new AuditRecord[] {
          record("workers", "script", "view", "success", null, null),
          record("members", "member", "update", "failure", null, null),
          record("dns", "record", "update", "success", "zones", null),
          record("dns", "record", "update", "success", null, "023e105f4ecef8ad9ca31a8372d0c353")
        }) {
      AuditEvents.Decision d = events.decide(r);
      assertTrue(d.understood(), AuditEvents.describe(r));
      assertNull(d.line(), AuditEvents.describe(r));
    }
  }

  @Test
  void anythingElseIsNotUnderstood() {
    AuditRecord other = record("workers", "script", "update", "success", "accounts", null);
    assertFalse(events.decide(other).understood());
    assertEquals("workers/script update", AuditEvents.describe(other));
    assertFalse(events.decide(new AuditRecord("r2", null, null, null)).understood());
  }

  @Test
  void theLogsRecordShapeParsesWithBothCursorSpellings() {
    var gson = CloudflareClient.gson();
    String body =
        "{\"success\":true,\"errors\":[],\"result\":[{\"id\":\"a\",\"action\":{\"type\":"
            + "\"update\",\"result\":\"success\",\"time\":\"2026-01-01T00:00:00Z\"},\"resource\":{\"id\":"
            + "\"m1\",\"product\":\"members\",\"type\":\"member\",\"scope\":{}}}],\"result_info\":{"
            + "\"count\":\"1\",\"cursors\":{\"after\":\"next-1\"}}}";
    var env =
        gson.<dev.batoncf.cloudflare.model.Envelope<java.util.List<AuditRecord>>>fromJson(
            body,
            new com.google.gson.reflect.TypeToken<
                dev.batoncf.cloudflare.model.Envelope<java.util.List<AuditRecord>>>() {}.getType());
    assertEquals("next-1", env.resultInfo().nextCursor());
    assertEquals(1, env.resultInfo().count());
    AuditRecord r = env.result().get(0);
    assertNull(r.resource().scopeName());
    assertEquals(AuditEvents.Action.MEMBER, events.decide(r).line().action());
  }
}
