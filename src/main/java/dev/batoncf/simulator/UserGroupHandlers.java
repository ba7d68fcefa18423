package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * IAM resource groups and user groups (cloudflare-api.md §4, §13): the resource-group list (one
 * page, no paging parameters), the user-group list and details with embedded policies, the members
 * list (page, per_page 1–500 default 100, fuzzyEmail, direction by email), one member, add (a bare
 * array of {@code {id}}) and remove.
 *
 * <p>Choices where Cloudflare documents nothing: an unknown group or a member not in it is HTTP 404
 * code 1003; adding an id that is not an account member is HTTP 400 (validation); adding a member
 * already in the group changes nothing and returns the group's members.
 */
final class UserGroupHandlers {
  private final SimAccount account;

  UserGroupHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.RESOURCE_GROUPS, Area.RESOURCE_GROUPS, this::resourceGroups);
    r.add("GET", Paths.USER_GROUPS, Area.USER_GROUPS, this::list);
    r.add("GET", Paths.USER_GROUP, Area.USER_GROUPS, this::get);
    r.add("GET", Paths.USER_GROUP_MEMBERS, Area.USER_GROUPS, this::members);
    r.add("POST", Paths.USER_GROUP_MEMBERS, Area.USER_GROUPS, this::add);
    r.add("GET", Paths.USER_GROUP_MEMBER, Area.USER_GROUPS, this::member);
    r.add("DELETE", Paths.USER_GROUP_MEMBER, Area.USER_GROUPS, this::remove);
  }

  private SimResponse resourceGroups(SimRequest req) {
    String id = req.query("id");
    String name = req.query("name");
    JsonArray result = new JsonArray();
    for (SimPolicy.ResourceGroup g : account.resourceGroups()) {
      if ((id == null || id.equals(g.id())) && (name == null || name.equals(g.name()))) {
        result.add(Views.resourceGroup(g));
      }
    }
    return SimResponse.ok(result); // no result_info: the list does not page ([S2607])
  }

  private SimResponse list(SimRequest req) {
    Paging paging = Paging.parse(req, 1, 500, 100);
    boolean desc = direction(req);
    String id = req.query("id");
    String name = req.query("name");
    String fuzzy = lower(req.query("fuzzyName"));
    List<SimUserGroup> all = new ArrayList<>();
    for (SimUserGroup g : account.userGroups().all()) {
      if ((id == null || id.equals(g.id()))
          && (name == null || name.equals(g.name()))
          && (fuzzy == null || lower(g.name()).contains(fuzzy))) {
        all.add(g);
      }
    }
    all.sort(Comparator.comparing(g -> lower(g.name())));
    if (desc) {
      Collections.reverse(all);
    }
    List<SimUserGroup> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(g -> result.add(Views.userGroup(g)));
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), false));
  }

  private SimResponse get(SimRequest req) {
    return SimResponse.ok(Views.userGroup(group(req)));
  }

  private SimResponse members(SimRequest req) {
    SimUserGroup g = group(req);
    Paging paging = Paging.parse(req, 1, 500, 100);
    boolean desc = direction(req);
    String fuzzy = lower(req.query("fuzzyEmail"));
    List<SimMember> all = new ArrayList<>();
    for (String memberId : g.memberIds()) {
      account
          .member(memberId)
          .filter(m -> fuzzy == null || lower(m.email()).contains(fuzzy))
          .ifPresent(all::add);
    }
    all.sort(Comparator.comparing(m -> lower(m.email())));
    if (desc) {
      Collections.reverse(all);
    }
    List<SimMember> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(m -> result.add(Views.userGroupMember(m)));
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), false));
  }

  private SimResponse member(SimRequest req) {
    SimUserGroup g = group(req);
    String memberId = req.param("member_id");
    if (!g.memberIds().contains(memberId)) {
      throw SimError.notFound("User group member");
    }
    SimMember m = account.member(memberId).orElseThrow(() -> SimError.notFound("Member"));
    JsonObject o = Views.userGroupMember(m);
    o.addProperty("created_at", g.modifiedOn());
    JsonObject user = new JsonObject();
    user.addProperty("id", m.user().id());
    user.addProperty("email", m.email());
    user.addProperty("first_name", m.user().firstName());
    user.addProperty("last_name", m.user().lastName());
    o.add("user", user);
    return SimResponse.ok(o);
  }

  private SimResponse add(SimRequest req) {
    SimUserGroup g = group(req);
    List<String> ids = new ArrayList<>();
    JsonArray body = req.jsonArray();
    if (body.isEmpty()) {
      throw SimError.validation("the body must list at least one member {id}");
    }
    for (JsonElement e : body) {
      String id = e.isJsonObject() ? MemberHandlers.string(e.getAsJsonObject(), "id") : null;
      if (id == null) {
        throw SimError.validation("each entry must be an object with the member id");
      }
      if (account.member(id).isEmpty()) {
        throw SimError.validation("member " + id + " is not a member of the account");
      }
      ids.add(id);
    }
    account.userGroups().addMembers(g.id(), ids, account.now());
    JsonArray result = new JsonArray();
    for (String id : account.userGroups().get(g.id()).orElseThrow().memberIds()) {
      account.member(id).ifPresent(m -> result.add(Views.userGroupMember(m)));
    }
    return SimResponse.ok(result);
  }

  private SimResponse remove(SimRequest req) {
    SimUserGroup g = group(req);
    String memberId = req.param("member_id");
    SimMember m = account.member(memberId).orElse(null);
    if (m == null || !account.userGroups().removeMember(g.id(), memberId, account.now())) {
      throw SimError.notFound("User group member");
    }
    return SimResponse.ok(Views.userGroupMember(m));
  }

  private SimUserGroup group(SimRequest req) {
    return account
        .userGroups()
        .get(req.param("user_group_id"))
        .orElseThrow(() -> SimError.notFound("User group"));
  }

  private static boolean direction(SimRequest req) {
    String direction = req.query("direction");
    if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
      throw SimError.validation("direction must be asc or desc");
    }
    return "desc".equals(direction);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
