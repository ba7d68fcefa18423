package dev.batoncf.connector.rules;

import dev.batoncf.connector.rules.AccessRuleEvaluator.Truth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides who can reach one Access application from its policies. Pure: no I/O.
 *
 * <p>Allow and deny policies are walked in precedence order and the first that applies to a person
 * decides (Cloudflare calls precedence "the order of execution"; first match deciding is our
 * reading, cloudflare-api.md §15). An allow applies as a group does: an include rule TRUE, no
 * exclude TRUE, no require FALSE; rules depending on the request stay conditions, listed by the
 * caller, never guessed. A deny removes only when it applies for certain (every rule decided): a
 * deny that may apply at request time is a condition, so access is never hidden on a guess. Bypass
 * and non_identity policies identify nobody and grant nobody.
 *
 * <p>An allow policy naming an Access group links the app to that group. The link may be left to
 * the host's expansion when every member of the group is allowed: the policy has no decidable
 * exclude/require rules and no deny comes before it. Members reached through such a link are not
 * granted again directly; everyone else the app allows is granted exactly.
 */
public final class AppAccessEvaluator {
  /** What the policies say for one person. */
  public enum Outcome {
    ALLOWED,
    DENIED,
    NOT_ALLOWED
  }

  /** The outcome and the policy that decided it (null for NOT_ALLOWED). */
  public record Decision(Outcome outcome, AppPolicy policy) {}

  private final List<AppPolicy> ordered;
  private final Map<String, Boolean> groupLinks = new LinkedHashMap<>();

  /**
   * @param knownGroups ids of the Access groups in this sync (links to others are dropped)
   */
  public AppAccessEvaluator(List<AppPolicy> policies, Set<String> knownGroups) {
    this.ordered =
        policies.stream()
            .filter(AppPolicy::identifies)
            .sorted(Comparator.comparingInt(AppPolicy::precedence))
            .toList();
    boolean denyBefore = false;
    for (AppPolicy p : ordered) {
      if (AppPolicy.DENY.equals(p.decision())) {
        denyBefore = true;
        continue;
      }
      boolean expandable = !denyBefore && !p.rules().hasEvaluableFilters();
      for (String g : p.rules().nestedGroupIds()) {
        if (knownGroups.contains(g)) {
          groupLinks.merge(g, expandable, Boolean::logicalOr);
        }
      }
    }
  }

  /** Group id → whether the host may expand the app's grant to that group, in policy order. */
  public Map<String, Boolean> groupLinks() {
    return Map.copyOf(groupLinks);
  }

  /** The first allow or deny policy that applies to this person. */
  public Decision decide(AccessRuleEvaluator.Person person) {
    for (AppPolicy p : ordered) {
      if (AppPolicy.ALLOW.equals(p.decision()) && allows(person, p.rules())) {
        return new Decision(Outcome.ALLOWED, p);
      }
      if (AppPolicy.DENY.equals(p.decision()) && certainlyApplies(person, p.rules())) {
        return new Decision(Outcome.DENIED, p);
      }
    }
    return new Decision(Outcome.NOT_ALLOWED, null);
  }

  /**
   * Whether a person the app allows needs a direct grant: not when they are a member of a group
   * whose link the host expands (that grant reaches them already).
   */
  public boolean needsDirectGrant(AccessRuleEvaluator.Person person) {
    for (Map.Entry<String, Boolean> link : groupLinks.entrySet()) {
      if (link.getValue() && person.member(link.getKey())) {
        return false;
      }
    }
    return true;
  }

  private static boolean allows(AccessRuleEvaluator.Person person, GroupRules r) {
    if (r.include().stream().noneMatch(x -> person.truth(x) == Truth.TRUE)) {
      return false;
    }
    return r.exclude().stream().noneMatch(x -> person.truth(x) == Truth.TRUE)
        && r.require().stream().noneMatch(x -> person.truth(x) == Truth.FALSE);
  }

  private static boolean certainlyApplies(AccessRuleEvaluator.Person person, GroupRules r) {
    return r.include().stream().anyMatch(x -> person.truth(x) == Truth.TRUE)
        && r.exclude().stream().allMatch(x -> person.truth(x) == Truth.FALSE)
        && r.require().stream().allMatch(x -> person.truth(x) == Truth.TRUE);
  }
}
