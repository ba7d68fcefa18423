package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Names;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.MemberBodies;
import dev.batoncf.cloudflare.model.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Invitations and member removal. */
public final class Accounts {

  private final CloudflareClient client;
  private final MemberDirectory directory;

  public Accounts(CloudflareClient client) {
    this.client = client;
    this.directory = new MemberDirectory(client);
  }

  /**
   * Invites {@code email} with the given roles (ids or exact names, at least one). The result names
   * the new {@code invitation} resource. The email is looked up first (the members list has no
   * email filter, so a guarded scan that stops at the match): an existing member or pending
   * invitation is ALREADY_DONE and nothing is sent, whatever Cloudflare would have answered a
   * second invite. A refused invite is looked up again, for one that raced this one.
   */
  public Change invite(String email, List<String> roles, boolean dryRun) {
    String address;
    try {
      address = Names.email(email == null ? "" : email.trim());
    } catch (Names.Invalid e) {
      // the same rules as the actions' email arguments
      throw ProvisionException.invalid("invitation email: " + e.getMessage());
    }
    if (roles == null || roles.isEmpty()) {
      throw ProvisionException.invalid(
          "an invitation needs at least one role: pass "
              + "--create-account-profile '{\"roles\":[\"<role id>\"]}'");
    }
    List<String> roleIds = resolveRoles(roles);
    String target = address;
    String request =
        "POST /accounts/"
            + client.accountId()
            + "/members "
            + MemberBodies.json(CloudflareClient.inviteBody(target, roleIds));
    Optional<Member> existing = activeMember(target);
    if (existing.isPresent()) {
      return alreadyMember(target, existing.get(), request, dryRun);
    }
    if (dryRun) {
      return new Change(
          "create-account",
          target,
          Outcome.CHANGED,
          "dry run: nothing sent",
          List.of(),
          roleIds,
          null,
          request,
          true);
    }
    try {
      Member m = client.inviteMember(target, roleIds);
      return new Change(
          "create-account",
          target,
          Outcome.CHANGED,
          "invitation sent; the person must accept it",
          List.of(),
          roleIds,
          "invitation:" + m.id(),
          request,
          false);
    } catch (CloudflareException.BadRequest e) {
      // Another invite for the same email may have landed since the lookup (1008 is the only
      // evidence of Cloudflare's code for it, so the lookup decides, not the code).
      Optional<Member> raced = activeMember(target);
      if (raced.isEmpty()) {
        throw e;
      }
      return alreadyMember(target, raced.get(), request, false);
    }
  }

  /** A declined (rejected) invitation does not make the person a member: it is not counted. */
  private Optional<Member> activeMember(String email) {
    return directory.byEmail(email).filter(m -> !m.hasStatus(Member.REJECTED));
  }

  private static Change alreadyMember(String target, Member m, String request, boolean dryRun) {
    String what =
        m.hasStatus(Member.PENDING)
            ? "already invited (pending)"
            : "already a member of the account";
    return new Change(
        "create-account",
        target,
        Outcome.ALREADY_DONE,
        what,
        List.of(),
        List.of(),
        resourceOf(m),
        request,
        dryRun);
  }

  /** Removes the membership of a {@code user}; not a member (or 404) counts as done. */
  public Change deleteUser(String userId, String memberIdHint, boolean dryRun) {
    IdFormats.hex32("a user id", userId);
    Optional<Member> m = directory.byUserId(userId, memberIdHint);
    if (m.isEmpty()) {
      return new Change(
          "delete-resource",
          "user:" + userId,
          Outcome.ALREADY_DONE,
          "not a member of the account",
          List.of(),
          List.of(),
          "user:" + userId,
          null,
          dryRun);
    }
    return delete("user:" + userId, m.get(), dryRun);
  }

  /**
   * Cancels an invitation. Reads it first so that a membership id of an accepted member is never
   * deleted by a request meant for an invitation.
   */
  public Change deleteInvitation(String memberId, boolean dryRun) {
    IdFormats.hex32("an invitation (membership) id", memberId);
    String target = "invitation:" + memberId;
    Optional<Member> m = directory.byMemberId(memberId);
    if (m.isEmpty()) {
      return new Change(
          "delete-resource",
          target,
          Outcome.ALREADY_DONE,
          "no such invitation",
          List.of(),
          List.of(),
          target,
          null,
          dryRun);
    }
    if (!m.get().hasStatus(Member.PENDING)) {
      return new Change(
          "delete-resource",
          target,
          Outcome.REFUSED,
          "membership "
              + memberId
              + " is "
              + m.get().status()
              + ", not a pending invitation; "
              + "delete the user instead (--delete-resource-type user)",
          List.of(),
          List.of(),
          target,
          null,
          dryRun);
    }
    return delete(target, m.get(), dryRun);
  }

  private Change delete(String target, Member m, boolean dryRun) {
    String request = "DELETE /accounts/" + client.accountId() + "/members/" + m.id();
    List<String> before = List.of(m.effectiveEmail() + " (" + m.status() + ")");
    if (dryRun) {
      return new Change(
          "delete-resource",
          target,
          Outcome.CHANGED,
          "dry run: nothing sent",
          before,
          List.of(),
          target,
          request,
          true);
    }
    try {
      client.deleteMember(m.id());
    } catch (CloudflareException.NotFound e) {
      return new Change(
          "delete-resource",
          target,
          Outcome.ALREADY_DONE,
          "already removed",
          before,
          List.of(),
          target,
          request,
          false);
    }
    return new Change(
        "delete-resource",
        target,
        Outcome.CHANGED,
        "membership removed",
        before,
        List.of(),
        target,
        request,
        false);
  }

  /** Role ids or exact role names → ids, with a clear error naming any unknown one. */
  private List<String> resolveRoles(List<String> wanted) {
    Map<String, String> byKey = new HashMap<>();
    PageScan.each(
        "roles",
        client::roles,
        CloudflareClient.IAM_MAX_PAGE,
        (Role r) -> {
          byKey.put(r.id(), r.id());
          if (r.name() != null) {
            byKey.putIfAbsent(r.name().toLowerCase(Locale.ROOT), r.id());
          }
        });
    // The list may omit the Super Administrator role although it can be assigned.
    byKey.putIfAbsent(Role.SUPER_ADMINISTRATOR_ID, Role.SUPER_ADMINISTRATOR_ID);
    List<String> ids = new ArrayList<>();
    for (String w : wanted) {
      String id = byKey.get(w);
      if (id == null) {
        id = byKey.get(w.toLowerCase(Locale.ROOT));
      }
      if (id == null) {
        throw ProvisionException.invalid(
            "unknown role '"
                + w
                + "': use a role id or name from "
                + "`baton-cloudflare resources -t role`");
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static String resourceOf(Member m) {
    return m.hasStatus(Member.PENDING) || m.userId() == null
        ? "invitation:" + m.id()
        : "user:" + m.userId();
  }
}
