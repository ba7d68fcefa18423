package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /accounts/{acct}/members} and {@code /members/{member_id}} (cloudflare-api.md §3).
 *
 * <p>Choices where Cloudflare documents nothing:
 *
 * <ul>
 *   <li>Unknown member id: HTTP 404 code {@link Wire#CODE_NOT_FOUND} (1003).
 *   <li>Inviting an existing member's email: HTTP 400 code 1008, or another code, or a second
 *       invitation ({@link SimAccount#existingMemberInvite}).
 *   <li>PUT with roles on a member managed by policies: HTTP 400 — the real API prefers policies,
 *       so a roles-only PUT must never silently clobber them.
 *   <li>PUT or POST with both roles and policies: HTTP 400 ("roles or policies, not both").
 *   <li>PUT with policies: the policies replace the old ones and roles become []; a policy sent
 *       with the id of one of the member's policies keeps that id.
 * </ul>
 */
final class MemberHandlers {
  private static final Set<String> ORDERS =
      Set.of("user.first_name", "user.last_name", "user.email", "status");
  private static final Set<String> STATUSES =
      Set.of(Wire.STATUS_ACCEPTED, Wire.STATUS_PENDING, Wire.STATUS_REJECTED);

  private final SimAccount account;

  MemberHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.MEMBERS, Area.MEMBERS, this::list);
    r.add("POST", Paths.MEMBERS, Area.MEMBERS, this::invite);
    r.add("GET", Paths.MEMBER, Area.MEMBERS, this::get);
    r.add("PUT", Paths.MEMBER, Area.MEMBERS, this::update);
    r.add("DELETE", Paths.MEMBER, Area.MEMBERS, this::delete);
  }

  private SimResponse list(SimRequest req) {
    Paging paging = Paging.iam(req);
    String order = req.query("order");
    if (order != null && !ORDERS.contains(order)) {
      throw SimError.validation("order must be one of " + ORDERS);
    }
    String direction = req.query("direction");
    if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
      throw SimError.validation("direction must be asc or desc");
    }
    String status = req.query("status");
    if (status != null && !STATUSES.contains(status)) {
      throw SimError.validation("status must be one of accepted, pending, rejected");
    }
    List<SimMember> all = account.memberView(status, order, "desc".equals(direction));
    List<SimMember> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(m -> result.add(Views.member(m, account)));
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), false));
  }

  private SimResponse get(SimRequest req) {
    return SimResponse.ok(Views.member(existing(req), account));
  }

  private SimResponse delete(SimRequest req) {
    SimMember m = existing(req);
    account.removeMember(m.id());
    logged(req, m.id(), AuditTrail.DELETE, "Remove Member");
    JsonObject result = new JsonObject();
    result.addProperty("id", m.id());
    return SimResponse.ok(result);
  }

  private SimResponse update(SimRequest req) {
    SimMember m = existing(req);
    JsonObject body = req.jsonObject();
    boolean hasRoles = body.has("roles") && !body.get("roles").isJsonNull();
    boolean hasPolicies = body.has("policies") && !body.get("policies").isJsonNull();
    if (hasRoles && hasPolicies) {
      throw SimError.validation("a member update takes roles or policies, not both");
    }
    SimMember updated;
    if (hasPolicies) {
      List<SimPolicy> policies = parsePolicies(body.get("policies"), m.policies());
      if (policies.isEmpty()) {
        throw SimError.validation("member must have at least one role or policy");
      }
      updated = m.withPolicies(policies);
    } else if (hasRoles) {
      if (m.managedByPolicies()) {
        throw SimError.validation(
            "member is managed by permission policies; update its policies instead of roles");
      }
      updated = m.withRoles(roleIdsFromObjects(body.get("roles")));
    } else {
      throw SimError.validation("member must have at least one role or policy");
    }
    account.putMember(updated);
    logged(req, m.id(), AuditTrail.UPDATE, "Update Member");
    return SimResponse.ok(Views.member(updated, account));
  }

  private SimResponse invite(SimRequest req) {
    JsonObject body = req.jsonObject();
    String email = string(body, "email");
    if (email == null || !email.contains("@") || email.length() > 90) {
      throw SimError.validation("email is required and must be a valid address");
    }
    String status = body.has("status") ? string(body, "status") : Wire.STATUS_PENDING;
    if (Wire.STATUS_ACCEPTED.equals(status)) {
      throw new SimError(400, Wire.CODE_AUTO_VERIFY, Wire.MSG_AUTO_VERIFY);
    }
    if (!Wire.STATUS_PENDING.equals(status)) {
      throw SimError.validation("status must be pending");
    }
    int existsCode = account.existingMemberInviteCode();
    if (account.memberByEmail(email).isPresent() && existsCode != 0) {
      throw new SimError(400, existsCode, Wire.MSG_MEMBER_EXISTS);
    }
    boolean hasRoles = body.has("roles") && !body.get("roles").isJsonNull();
    boolean hasPolicies = body.has("policies") && !body.get("policies").isJsonNull();
    if (hasRoles && hasPolicies) {
      throw SimError.validation("account member must be created with roles or policies (not both)");
    }
    List<String> roleIds = hasRoles ? roleIdsFromStrings(body.get("roles")) : List.of();
    List<SimPolicy> policies =
        hasPolicies ? parsePolicies(body.get("policies"), List.of()) : List.of();
    if (roleIds.isEmpty() && policies.isEmpty()) {
      throw SimError.validation("member must have at least one role or policy");
    }
    SimMember created =
        new SimMember(
            account.newHex32(),
            email,
            Wire.STATUS_PENDING,
            new SimMember.User(null, null, null, false),
            roleIds,
            policies);
    account.putMember(created);
    logged(req, created.id(), AuditTrail.CREATE, "Add Member");
    return SimResponse.ok(Views.member(created, account));
  }

  private void logged(SimRequest req, String memberId, String type, String description) {
    account
        .audit()
        .api(req, AuditTrail.PRODUCT_MEMBERS, AuditTrail.TYPE_MEMBER, memberId, type, description);
  }

  private SimMember existing(SimRequest req) {
    return account.member(req.param("member_id")).orElseThrow(() -> SimError.notFound("Member"));
  }

  /** PUT shape: {@code [{"id":"…"}]}; strings are refused, as the real API does (PR #5984). */
  private List<String> roleIdsFromObjects(JsonElement roles) {
    if (!roles.isJsonArray()) {
      throw SimError.validation("roles must be an array of objects with an id");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonElement e : roles.getAsJsonArray()) {
      if (!e.isJsonObject() || string(e.getAsJsonObject(), "id") == null) {
        throw SimError.validation("roles must be an array of objects with an id");
      }
      ids.add(knownRole(e.getAsJsonObject().get("id").getAsString()));
    }
    if (ids.isEmpty()) {
      throw SimError.validation("member must have at least one role or policy");
    }
    return List.copyOf(ids);
  }

  /** POST shape: an array of role-id strings. */
  private List<String> roleIdsFromStrings(JsonElement roles) {
    if (!roles.isJsonArray()) {
      throw SimError.validation("roles must be an array of role id strings");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonElement e : roles.getAsJsonArray()) {
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
        throw SimError.validation("roles must be an array of role id strings");
      }
      ids.add(knownRole(e.getAsString()));
    }
    return List.copyOf(ids);
  }

  private String knownRole(String roleId) {
    if (account.role(roleId).isEmpty()) {
      throw SimError.validation("role " + roleId + " does not exist");
    }
    return roleId;
  }

  /**
   * {@code [{access, permission_groups:[{id}], resource_groups:[{id}]}]}; ids must be known. A
   * policy that names the id of one the member has keeps that id; others get a new one.
   */
  private List<SimPolicy> parsePolicies(JsonElement policies, List<SimPolicy> existing) {
    if (!policies.isJsonArray()) {
      throw SimError.validation("policies must be an array");
    }
    List<SimPolicy> out = new ArrayList<>();
    for (JsonElement e : policies.getAsJsonArray()) {
      if (!e.isJsonObject()) {
        throw SimError.validation("each policy must be an object");
      }
      JsonObject p = e.getAsJsonObject();
      String access = string(p, "access");
      if (!"allow".equals(access) && !"deny".equals(access)) {
        throw SimError.validation("policy access must be allow or deny");
      }
      List<SimPolicy.PermissionGroup> pgs = new ArrayList<>();
      for (String id : ids(p, "permission_groups")) {
        pgs.add(
            account
                .permissionGroup(id)
                .orElseThrow(
                    () -> SimError.validation("permission group " + id + " does not exist")));
      }
      List<SimPolicy.ResourceGroup> rgs = new ArrayList<>();
      for (String id : ids(p, "resource_groups")) {
        rgs.add(
            account
                .resourceGroup(id)
                .orElseThrow(
                    () -> SimError.validation("resource group " + id + " does not exist")));
      }
      String id = string(p, "id");
      boolean kept =
          id != null
              && existing.stream().anyMatch(x -> x.id().equals(id))
              && out.stream().noneMatch(x -> x.id().equals(id));
      out.add(new SimPolicy(kept ? id : account.newHex32(), access, pgs, rgs));
    }
    return out;
  }

  private static List<String> ids(JsonObject policy, String field) {
    JsonElement arr = policy.get(field);
    if (arr == null || !arr.isJsonArray() || arr.getAsJsonArray().isEmpty()) {
      throw SimError.validation("policy " + field + " must be a non-empty array of {id}");
    }
    List<String> ids = new ArrayList<>();
    for (JsonElement e : arr.getAsJsonArray()) {
      String id = e.isJsonObject() ? string(e.getAsJsonObject(), "id") : null;
      if (id == null) {
        throw SimError.validation("policy " + field + " must be a non-empty array of {id}");
      }
      ids.add(id);
    }
    return ids;
  }

  static String string(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
        ? e.getAsString()
        : null;
  }
}
