package dev.batoncf.connector;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Timestamp;
import dev.batoncf.cloudflare.model.AuditRecord;
import dev.batoncf.pb.connector.v2.CreateGrantEvent;
import dev.batoncf.pb.connector.v2.CreateRevokeEvent;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Event;
import dev.batoncf.pb.connector.v2.EventType;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceChangeEvent;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps v2 audit log records to Baton events (pure). Only what a record proves is said:
 *
 * <ul>
 *   <li>a member written (added, updated, deleted): a resource change of the {@code user}
 *       (accepted, by its user id) or the {@code invitation} (by member id), and of every role it
 *       holds after an update (their grants changed);
 *   <li>an accepted member deleted: one CreateRevoke per role it held (the log keeps the object as
 *       it was), since a deleted member holds no role;
 *   <li>an Access group written: a resource change of the {@code group} (membership follows its
 *       rules, which only a sync of the group evaluates).
 * </ul>
 *
 * The v2 log has no before state, so a role removed by a member update is not named: the user and
 * the roles it still holds are. Failed actions and records of other products map to nothing.
 */
public final class BatonEvents {
  public static final String FEED_ID = "cloudflare_audit_log";
  public static final List<EventType> SUPPORTED =
      List.of(
          EventType.EVENT_TYPE_RESOURCE_CHANGE,
          EventType.EVENT_TYPE_CREATE_GRANT,
          EventType.EVENT_TYPE_CREATE_REVOKE);

  static final String TYPE_MEMBER = "member";
  static final String TYPE_GROUP = "group";
  static final String ACTION_DELETE = "delete";
  private static final String STATUS_ACCEPTED = "accepted";

  private BatonEvents() {}

  /** The events of one record, in a stable order; ids are {@code <record id>} plus a suffix. */
  public static List<Event> of(AuditRecord r) {
    if (r == null
        || r.id() == null
        || r.action() == null
        || r.resource() == null
        || !AuditRecord.RESULT_SUCCESS.equals(r.action().result())) {
      return List.of();
    }
    Timestamp at = time(r.action().time());
    if (at == null) {
      return List.of();
    }
    AuditRecord.Target res = r.resource();
    List<Event> out = new ArrayList<>();
    if (AuditEvents.PRODUCT_MEMBERS.equals(res.product()) && TYPE_MEMBER.equals(res.type())) {
      member(r, at, out);
    } else if (AuditEvents.PRODUCT_ACCESS.equals(res.product())
        && TYPE_GROUP.equals(res.type())
        && res.id() != null
        && !res.id().isEmpty()) {
      out.add(change(r.id(), at, Ids.resourceId(ResourceTypes.GROUP_ID, res.id())));
    }
    return out;
  }

  private static void member(AuditRecord r, Timestamp at, List<Event> out) {
    JsonObject m = r.resource().response();
    String userId = m == null ? null : string(obj(m, "user"), "id");
    boolean accepted = m != null && STATUS_ACCEPTED.equals(string(m, "status")) && userId != null;
    String memberId = r.resource().id();
    if (!accepted && (memberId == null || memberId.isEmpty())) {
      return;
    }
    ResourceId who =
        accepted
            ? Ids.resourceId(ResourceTypes.USER_ID, userId)
            : Ids.resourceId(ResourceTypes.INVITATION_ID, memberId);
    out.add(change(r.id(), at, who));
    if (!accepted) {
      return;
    }
    // The log has no before state: a delete revokes every role the member held; a create or
    // update creates a grant for every role held after it (an upsert for the host), and the
    // change of the user above makes the host re-read the roles the update may have removed.
    boolean deleted = ACTION_DELETE.equals(r.action().type());
    for (String role : roleIds(m)) {
      Entitlement entitlement =
          Entitlement.newBuilder()
              .setId(Ids.entitlementId(ResourceTypes.ROLE_ID, role, Ids.MEMBER_SLUG))
              .setSlug(Ids.MEMBER_SLUG)
              .setResource(Resource.newBuilder().setId(Ids.resourceId(ResourceTypes.ROLE_ID, role)))
              .build();
      Resource principal = Resource.newBuilder().setId(who).build();
      Event.Builder e = Event.newBuilder().setOccurredAt(at);
      if (deleted) {
        e.setId(r.id() + ":revoke:" + role)
            .setCreateRevokeEvent(
                CreateRevokeEvent.newBuilder().setEntitlement(entitlement).setPrincipal(principal));
      } else {
        e.setId(r.id() + ":grant:" + role)
            .setCreateGrantEvent(
                CreateGrantEvent.newBuilder().setEntitlement(entitlement).setPrincipal(principal));
      }
      out.add(e.build());
    }
  }

  private static Event change(String id, Timestamp at, ResourceId resource) {
    return Event.newBuilder()
        .setId(id)
        .setOccurredAt(at)
        .setResourceChangeEvent(ResourceChangeEvent.newBuilder().setResourceId(resource))
        .build();
  }

  /** Role ids of a member object: {@code roles[].id}. */
  private static List<String> roleIds(JsonObject m) {
    List<String> out = new ArrayList<>();
    JsonElement roles = m.get("roles");
    if (roles != null && roles.isJsonArray()) {
      for (JsonElement e : roles.getAsJsonArray()) {
        String id = e.isJsonObject() ? string(e.getAsJsonObject(), "id") : null;
        if (id != null && !out.contains(id)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /** The record's time, or null when it is not RFC 3339. */
  static Timestamp time(String text) {
    if (text == null) {
      return null;
    }
    try {
      Instant i = Instant.parse(text);
      return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static JsonObject obj(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }
}
