package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.TreeMap;

/** Renders the simulator's records as Cloudflare JSON. Built per request; nothing is cached. */
final class Views {
  private Views() {}

  static JsonObject member(SimMember m, SimAccount account) {
    JsonObject o = new JsonObject();
    o.addProperty("id", m.id());
    o.addProperty("email", m.email());
    o.addProperty("status", m.status());
    JsonObject u = new JsonObject();
    if (m.user().id() != null) { // absent, not null, for invites with no Cloudflare user yet
      u.addProperty("id", m.user().id());
    }
    u.addProperty("email", m.email());
    u.addProperty("first_name", m.user().firstName());
    u.addProperty("last_name", m.user().lastName());
    u.addProperty("two_factor_authentication_enabled", m.user().twoFactorEnabled());
    o.add("user", u);
    JsonArray roles = new JsonArray();
    for (String rid : m.roleIds()) {
      account.role(rid).ifPresent(r -> roles.add(roleObjectShape(r)));
    }
    o.add("roles", roles);
    JsonArray policies = new JsonArray();
    m.policies().forEach(p -> policies.add(policy(p)));
    o.add("policies", policies);
    return o;
  }

  /** The role with {@code permissions} as {@code {key:{read,write}}} over every known key. */
  static JsonObject roleObjectShape(SimRole r) {
    JsonObject o = roleHead(r);
    JsonObject perms = new JsonObject();
    for (String key : Wire.PERMISSION_KEYS) {
      JsonObject rw = new JsonObject();
      rw.addProperty("read", r.read().contains(key));
      rw.addProperty("write", r.write().contains(key));
      perms.add(key, rw);
    }
    o.add("permissions", perms);
    return o;
  }

  /** The role as the roles endpoints show it: legacy string array when the role is flagged so. */
  static JsonObject roleListed(SimRole r) {
    if (!r.legacyShape()) {
      return roleObjectShape(r);
    }
    JsonObject o = roleHead(r);
    JsonArray perms = new JsonArray();
    for (String key : Wire.PERMISSION_KEYS) {
      if (r.read().contains(key)) {
        perms.add("#" + key + ":read");
      }
      if (r.write().contains(key)) {
        perms.add("#" + key + ":edit");
      }
    }
    o.add("permissions", perms);
    return o;
  }

  private static JsonObject roleHead(SimRole r) {
    JsonObject o = new JsonObject();
    o.addProperty("id", r.id());
    o.addProperty("name", r.name());
    o.addProperty("description", r.description());
    return o;
  }

  static JsonObject policy(SimPolicy p) {
    JsonObject o = new JsonObject();
    o.addProperty("id", p.id());
    o.addProperty("access", p.access());
    JsonArray pgs = new JsonArray();
    p.permissionGroups().forEach(g -> pgs.add(permissionGroup(g)));
    o.add("permission_groups", pgs);
    JsonArray rgs = new JsonArray();
    p.resourceGroups().forEach(g -> rgs.add(resourceGroup(g)));
    o.add("resource_groups", rgs);
    return o;
  }

  static JsonObject resourceGroup(SimPolicy.ResourceGroup g) {
    JsonObject rg = new JsonObject();
    rg.addProperty("id", g.id());
    rg.addProperty("name", g.name());
    rg.add("meta", new JsonObject());
    JsonObject star = new JsonObject();
    star.addProperty("key", "*");
    JsonArray objects = new JsonArray();
    objects.add(star);
    // One object, as in the newest schema ([S2607]); [S24] had an array of them.
    JsonObject scope = new JsonObject();
    scope.addProperty("key", g.scopeKey());
    scope.add("objects", objects);
    rg.add("scope", scope);
    return rg;
  }

  static JsonObject userGroup(SimUserGroup g) {
    JsonObject o = new JsonObject();
    o.addProperty("id", g.id());
    o.addProperty("name", g.name());
    o.addProperty("created_on", g.createdOn());
    o.addProperty("modified_on", g.modifiedOn());
    JsonArray policies = new JsonArray();
    g.policies().forEach(p -> policies.add(policy(p)));
    o.add("policies", policies);
    return o;
  }

  /** A group-member list item: the account-member id, email and status only. */
  static JsonObject userGroupMember(SimMember m) {
    JsonObject o = new JsonObject();
    o.addProperty("id", m.id());
    o.addProperty("email", m.email());
    o.addProperty("status", m.status());
    return o;
  }

  private static JsonObject permissionGroup(SimPolicy.PermissionGroup g) {
    JsonObject o = new JsonObject();
    o.addProperty("id", g.id());
    o.addProperty("name", g.name());
    o.add("meta", new JsonObject());
    return o;
  }

  static JsonObject token(SimToken t) {
    JsonObject o = new JsonObject();
    o.addProperty("id", t.id());
    o.addProperty("name", t.name());
    o.addProperty("status", t.status());
    putIfSet(o, "issued_on", t.issuedOn());
    putIfSet(o, "modified_on", t.modifiedOn());
    putIfSet(o, "last_used_on", t.lastUsedOn());
    putIfSet(o, "not_before", t.notBefore());
    putIfSet(o, "expires_on", t.expiresOn());
    putIfSet(o, "creator_email_at_creation", t.creatorEmailAtCreation());
    putIfSet(o, "provisioner_type", t.provisionerType());
    o.addProperty("provisioner_id", t.provisionerId());
    if (!t.requestIpIn().isEmpty() || !t.requestIpNotIn().isEmpty()) {
      JsonObject ip = new JsonObject();
      ip.add("in", strings(t.requestIpIn()));
      ip.add("not_in", strings(t.requestIpNotIn()));
      JsonObject cond = new JsonObject();
      cond.add("request_ip", ip);
      o.add("condition", cond);
    } else {
      o.add("condition", new JsonObject());
    }
    JsonArray policies = new JsonArray();
    for (SimToken.Policy p : t.policies()) {
      JsonObject po = new JsonObject();
      po.addProperty("id", p.id());
      po.addProperty("effect", p.effect());
      JsonArray pgs = new JsonArray();
      p.permissionGroups().forEach(g -> pgs.add(permissionGroup(g)));
      po.add("permission_groups", pgs);
      JsonObject res = new JsonObject();
      new TreeMap<>(p.resources()).forEach(res::addProperty);
      po.add("resources", res);
      policies.add(po);
    }
    o.add("policies", policies);
    return o;
  }

  static JsonObject accessUser(SimAccessUser u) {
    JsonObject o = new JsonObject();
    o.addProperty("id", u.id());
    putIfSet(o, "uid", u.uid());
    putIfSet(o, "email", u.email());
    putIfSet(o, "name", u.name());
    if (u.accessSeat() != null) {
      o.addProperty("access_seat", u.accessSeat());
    }
    if (u.gatewaySeat() != null) {
      o.addProperty("gateway_seat", u.gatewaySeat());
    }
    putIfSet(o, "seat_uid", u.seatUid());
    if (u.activeDeviceCount() != null) {
      o.addProperty("active_device_count", u.activeDeviceCount());
    }
    // never logged in: absent (the schema types it a non-nullable string)
    putIfSet(o, "last_successful_login", u.lastSuccessfulLogin());
    putIfSet(o, "created_at", u.createdAt());
    putIfSet(o, "updated_at", u.updatedAt());
    return o;
  }

  static JsonObject list(SimList l) {
    JsonObject o = new JsonObject();
    o.addProperty("id", l.id());
    o.addProperty("name", l.name());
    o.addProperty("description", l.description());
    o.addProperty("type", l.type());
    o.addProperty("count", l.items().size());
    putIfSet(o, "created_at", l.createdAt());
    putIfSet(o, "updated_at", l.updatedAt());
    return o;
  }

  static JsonObject listItem(SimList.Item i) {
    JsonObject o = new JsonObject();
    o.addProperty("value", i.value());
    o.addProperty("description", i.description());
    putIfSet(o, "created_at", i.createdAt());
    return o;
  }

  static JsonObject integration(SimIntegration i) {
    JsonObject o = new JsonObject();
    o.addProperty("id", i.id());
    o.addProperty("account_tag", i.accountTag());
    o.addProperty("active", i.active());
    o.addProperty("created_at", i.createdAt());
    o.addProperty("integration_type", i.integrationType());
    // required, a non-nullable string: "" when the client never gave one (sim choice)
    o.addProperty("reference_id", i.referenceId() == null ? "" : i.referenceId());
    o.addProperty("tenant_url", i.tenantUrl());
    o.addProperty("well_known_url", i.wellKnownUrl());
    return o;
  }

  static JsonObject riskEvent(SimRisk.Event e) {
    JsonObject o = new JsonObject();
    o.addProperty("id", e.id());
    o.addProperty("name", e.name());
    o.addProperty("risk_level", e.riskLevel());
    o.addProperty("timestamp", e.timestamp());
    JsonObject details = new JsonObject();
    new TreeMap<>(e.details()).forEach(details::addProperty);
    o.add("event_details", details);
    return o;
  }

  static JsonArray categories(List<SimIntel.Category> cats) {
    JsonArray a = new JsonArray();
    for (SimIntel.Category c : cats) {
      JsonObject o = new JsonObject();
      o.addProperty("id", c.id());
      o.addProperty("name", c.name());
      o.addProperty("super_category_id", c.superCategoryId());
      a.add(o);
    }
    return a;
  }

  static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  static void putIfSet(JsonObject o, String key, String value) {
    if (value != null) {
      o.addProperty(key, value);
    }
  }
}
