package dev.batoncf.simulator;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * Changes made as an administrator in the Cloudflare dashboard would make them: each one changes
 * the account and appends the audit-log record Cloudflare keeps for it. Tests use it to change an
 * account between syncs without going through the connector. Changes Cloudflare does not log are
 * made on {@link SimAccount} itself (e.g. {@link SimAccount#putAccessUser}).
 */
public final class AdminConsole {
  private final SimAccount account;

  public AdminConsole(SimAccount account) {
    this.account = account;
  }

  /** Invites {@code email} with these roles; returns the pending membership. */
  public SimMember invite(String email, List<String> roleIds) {
    SimMember m =
        new SimMember(
            account.newHex32(),
            email,
            Wire.STATUS_PENDING,
            new SimMember.User(null, null, null, false),
            roleIds,
            List.of());
    account.putMember(m);
    log(
        AuditTrail.PRODUCT_MEMBERS,
        AuditTrail.TYPE_MEMBER,
        m.id(),
        AuditTrail.CREATE,
        "Add Member",
        "POST",
        members());
    return m;
  }

  /** The invite accepted: the membership gets a user and status accepted. */
  public SimMember accept(String memberId, SimMember.User user) {
    SimMember m = existing(memberId);
    SimMember accepted =
        new SimMember(m.id(), m.email(), Wire.STATUS_ACCEPTED, user, m.roleIds(), m.policies());
    account.putMember(accepted);
    log(
        AuditTrail.PRODUCT_MEMBERS,
        AuditTrail.TYPE_MEMBER,
        m.id(),
        AuditTrail.UPDATE,
        "Accept Invite",
        "PUT",
        members() + "/" + m.id());
    return accepted;
  }

  /** Replaces the member's roles. */
  public SimMember setRoles(String memberId, List<String> roleIds) {
    SimMember updated = existing(memberId).withRoles(roleIds);
    account.putMember(updated);
    log(
        AuditTrail.PRODUCT_MEMBERS,
        AuditTrail.TYPE_MEMBER,
        memberId,
        AuditTrail.UPDATE,
        "Update Member",
        "PUT",
        members() + "/" + memberId);
    return updated;
  }

  public void removeMember(String memberId) {
    account.removeMember(existing(memberId).id());
    log(
        AuditTrail.PRODUCT_MEMBERS,
        AuditTrail.TYPE_MEMBER,
        memberId,
        AuditTrail.DELETE,
        "Remove Member",
        "DELETE",
        members() + "/" + memberId);
  }

  /** Creates or edits an account API token. */
  public void putToken(SimToken token) {
    boolean exists = account.token(token.id()).isPresent();
    account.putToken(token);
    log(
        AuditTrail.PRODUCT_TOKENS,
        AuditTrail.TYPE_TOKEN,
        token.id(),
        exists ? AuditTrail.UPDATE : AuditTrail.CREATE,
        exists ? "Update token" : "Create token",
        exists ? "PUT" : "POST",
        "/accounts/" + account.id() + "/tokens");
  }

  /** Creates or replaces an Access group (the object must carry its {@code id}). */
  public void putGroup(JsonObject group) {
    String id = group.get("id").getAsString();
    boolean exists = account.group(id).isPresent();
    account.putGroup(group);
    log(
        AuditTrail.PRODUCT_ACCESS,
        AuditTrail.TYPE_GROUP,
        id,
        exists ? AuditTrail.UPDATE : AuditTrail.CREATE,
        exists ? "Update Access group" : "Create Access group",
        exists ? "PUT" : "POST",
        "/accounts/" + account.id() + "/access/groups");
  }

  public void removeGroup(String groupId) {
    account.removeGroup(groupId);
    log(
        AuditTrail.PRODUCT_ACCESS,
        AuditTrail.TYPE_GROUP,
        groupId,
        AuditTrail.DELETE,
        "Delete Access group",
        "DELETE",
        "/accounts/" + account.id() + "/access/groups/" + groupId);
  }

  /** Creates or replaces a Zero Trust list (its items included). */
  public void putList(SimList list) {
    boolean exists = account.list(list.id()).isPresent();
    account.putList(list);
    log(
        AuditTrail.PRODUCT_GATEWAY,
        AuditTrail.TYPE_LIST,
        list.id(),
        exists ? AuditTrail.UPDATE : AuditTrail.CREATE,
        exists ? "Update list" : "Create list",
        exists ? "PUT" : "POST",
        "/accounts/" + account.id() + "/gateway/lists");
  }

  /** A record of any product and type, for the cases the connector must not understand. */
  public void logOther(String product, String type, String resourceId, String actionType) {
    log(
        product,
        type,
        resourceId,
        actionType,
        "Other change",
        "PUT",
        "/accounts/" + account.id() + "/" + product);
  }

  private SimMember existing(String memberId) {
    return account
        .member(memberId)
        .orElseThrow(() -> new IllegalArgumentException("no member " + memberId));
  }

  private String members() {
    return "/accounts/" + account.id() + "/members";
  }

  private void log(
      String product,
      String type,
      String id,
      String actionType,
      String description,
      String method,
      String uri) {
    account
        .audit()
        .append(
            product, type, id, actionType, description, method, uri, AuditTrail.Actor.DASHBOARD);
  }
}
