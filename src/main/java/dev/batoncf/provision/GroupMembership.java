package dev.batoncf.provision;

import com.google.gson.JsonElement;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.model.AccessGroup;
import dev.batoncf.connector.rules.AccessPrincipal;
import dev.batoncf.connector.rules.AccessRuleEvaluator;
import dev.batoncf.connector.rules.GroupRules;
import dev.batoncf.connector.rules.Rule;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Adds or removes one person's email rule in an Access group. Cloudflare's PUT replaces the whole
 * group and offers no version check, so the group is read, planned, read again right before the
 * write and only written if nobody changed it in between (else planned again, up to 3 times).
 */
public final class GroupMembership {
  static final int ATTEMPTS = 3;

  /** Nested groups looked at when deciding whether another rule makes someone a member. */
  static final int MAX_NESTED_GROUPS = 50;

  private final CloudflareClient client;

  public GroupMembership(CloudflareClient client) {
    this.client = client;
  }

  public Change add(String groupId, String principal, String email, boolean dryRun) {
    return change("grant", groupId, principal, email, dryRun, true);
  }

  public Change remove(String groupId, String principal, String email, boolean dryRun) {
    return change("revoke", groupId, principal, email, dryRun, false);
  }

  private Change change(
      String op, String groupId, String principal, String email, boolean dryRun, boolean adding) {
    if (email == null || email.isBlank()) {
      throw ProvisionException.invalid(
          principal + " has no email, and Access groups can only " + "name people by email");
    }
    String target = "group:" + groupId + ":member to " + principal + " (" + email + ")";
    AccessGroup current = group(groupId);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      GroupPlan plan =
          adding
              ? GroupPlan.add(
                  current, email, context(current, email).blockingRule(groupId).orElse(null))
              : GroupPlan.remove(current, email, otherIncludingRule(current, email));
      List<String> before = GroupPlan.describeInclude(current);
      if (plan.outcome() != Outcome.CHANGED) {
        return new Change(
            op,
            target,
            plan.outcome(),
            plan.reason(),
            before,
            before,
            "group:" + groupId,
            null,
            dryRun);
      }
      String request =
          "PUT /accounts/" + client.accountId() + "/access/groups/" + groupId + " " + plan.body();
      List<String> planned = GroupPlan.describeInclude(new AccessGroup(plan.body()));
      if (dryRun) {
        return new Change(
            op,
            target,
            Outcome.CHANGED,
            "dry run: nothing sent",
            before,
            planned,
            "group:" + groupId,
            request,
            true);
      }
      AccessGroup reread = group(groupId);
      if (!reread.raw().equals(current.raw())) {
        current = reread; // someone else changed the group: plan again on what is there now
        continue;
      }
      AccessGroup written = client.replaceAccessGroup(groupId, plan.body());
      boolean present = GroupPlan.indexOfEmailRule(written, GroupPlan.normalize(email)) >= 0;
      if (present != adding) {
        throw new IllegalStateException(
            "Cloudflare accepted the update of Access group "
                + groupId
                + " but the email rule for "
                + email
                + " is "
                + (present ? "still there" : "missing"));
      }
      return new Change(
          op,
          target,
          Outcome.CHANGED,
          plan.reason(),
          before,
          GroupPlan.describeInclude(written),
          "group:" + groupId,
          request,
          false);
    }
    throw new ProvisionException(
        ProvisionException.Kind.FAILED_PRECONDITION,
        "Access group "
            + groupId
            + " changed "
            + ATTEMPTS
            + " times while it was being updated; nothing was "
            + "written, try again");
  }

  private AccessGroup group(String groupId) {
    try {
      return client.accessGroup(groupId);
    } catch (CloudflareException.NotFound e) {
      throw ProvisionException.notFound("Access group " + groupId + " does not exist");
    }
  }

  /** An include rule other than the person's email rule that makes them a member. */
  private String otherIncludingRule(AccessGroup g, String email) {
    String wanted = GroupPlan.normalize(email);
    return context(g, email)
        .includingRule(
            g.id(),
            r ->
                Rule.EMAIL.equals(r.kind()) && GroupPlan.normalize(r.field("email")).equals(wanted))
        .map(Rule::describe)
        .orElse(null);
  }

  /**
   * Everything the group's rules refer to, read now: nested groups (breadth-first, cycle-safe,
   * bounded) and the email lists they use. Risk levels are not read: such rules stay undecided.
   */
  private AccessRuleEvaluator.Person context(AccessGroup root, String email) {
    Map<String, GroupRules> groups = new HashMap<>();
    Map<String, Set<String>> lists = new HashMap<>();
    Deque<AccessGroup> todo = new ArrayDeque<>(List.of(root));
    Set<String> seen = new HashSet<>(Set.of(root.id()));
    while (!todo.isEmpty()) {
      AccessGroup g = todo.poll();
      GroupRules rules = GroupRules.of(g);
      groups.put(g.id(), rules);
      for (String section :
          List.of(AccessGroup.INCLUDE, AccessGroup.EXCLUDE, AccessGroup.REQUIRE)) {
        for (JsonElement e : g.rules(section)) {
          Rule r = Rule.parse(e);
          if (!r.evaluable()) {
            continue;
          }
          String id = r.field("id");
          if (Rule.EMAIL_LIST.equals(r.kind()) && !lists.containsKey(id)) {
            lists.put(id, listValues(id));
          } else if (Rule.GROUP.equals(r.kind())
              && seen.size() < MAX_NESTED_GROUPS
              && seen.add(id)) {
            try {
              todo.add(client.accessGroup(id));
            } catch (CloudflareException.NotFound ignored) {
              // a rule naming a deleted group matches nobody
            }
          }
        }
      }
    }
    lists.values().removeIf(v -> v == null);
    AccessPrincipal person = new AccessPrincipal("provisioning", email, null);
    return new AccessRuleEvaluator(groups, lists, false).forPerson(person);
  }

  private Set<String> listValues(String listId) {
    try {
      Set<String> values = new HashSet<>();
      client.gatewayListValues(listId).forEach(v -> values.add(v.trim().toLowerCase(Locale.ROOT)));
      return values;
    } catch (CloudflareException.NotFound | CloudflareException.PermissionDenied e) {
      return null;
    }
  }
}
