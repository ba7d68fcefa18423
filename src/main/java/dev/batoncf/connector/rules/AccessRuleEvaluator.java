package dev.batoncf.connector.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides Access-group membership from rules, exactly, for the rule kinds the API can answer
 * (email, email_domain, everyone, email_list, group, user_risk_score). A person is a member when an
 * include rule is TRUE, no exclude rule is TRUE and no require rule is FALSE. Rules that depend on
 * an IdP or on the request are UNKNOWN: they never create membership, and as require/exclude they
 * are conditions applied at request time, reported but not guessed. Pure: no I/O.
 */
public final class AccessRuleEvaluator {
  /** Three-valued truth of one rule for one person. */
  enum Truth {
    TRUE,
    FALSE,
    UNKNOWN
  }

  static final String UNSCORED = "unscored";

  private final Map<String, GroupRules> groups;
  private final Map<String, Set<String>> lists;
  private final boolean riskKnown;

  /**
   * @param lists values of the email lists referenced by rules, lower-cased; a list missing here
   *     makes its rules UNKNOWN
   * @param riskKnown whether the account's risk levels were read (else user_risk_score is UNKNOWN)
   */
  public AccessRuleEvaluator(
      Map<String, GroupRules> groups, Map<String, Set<String>> lists, boolean riskKnown) {
    this.groups = Map.copyOf(groups);
    this.lists = Map.copyOf(lists);
    this.riskKnown = riskKnown;
  }

  /** Evaluation for one person, memoising group membership across groups. */
  public Person forPerson(AccessPrincipal p) {
    return new Person(p);
  }

  /** Membership answers for one person. */
  public final class Person {
    private final AccessPrincipal p;
    private final Map<String, Boolean> memo = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    Person(AccessPrincipal p) {
      this.p = p;
    }

    /** Member through any include rule, nested groups resolved (a cycle adds nothing). */
    public boolean member(String groupId) {
      Boolean known = memo.get(groupId);
      if (known != null) {
        return known;
      }
      GroupRules g = groups.get(groupId);
      if (g == null || !visiting.add(groupId)) {
        return false;
      }
      boolean result;
      try {
        result = decide(g, true);
      } finally {
        visiting.remove(groupId);
      }
      if (visiting.isEmpty()) {
        // Only results computed outside a cycle are final; inside one they are partial.
        memo.put(groupId, result);
      }
      return result;
    }

    /** Member through the group's own include rules, nested-group includes left to the host. */
    public boolean directMember(String groupId) {
      GroupRules g = groups.get(groupId);
      if (g == null || !visiting.add(groupId)) {
        return false;
      }
      try {
        return decide(g, false);
      } finally {
        visiting.remove(groupId);
      }
    }

    /** The first include rule that makes this person a member, skipping {@code ignore}. */
    public java.util.Optional<Rule> includingRule(
        String groupId, java.util.function.Predicate<Rule> ignore) {
      GroupRules g = groups.get(groupId);
      if (g == null) {
        return java.util.Optional.empty();
      }
      visiting.add(groupId);
      try {
        return g.include().stream()
            .filter(r -> !ignore.test(r))
            .filter(r -> truth(r) == Truth.TRUE)
            .findFirst();
      } finally {
        visiting.remove(groupId);
      }
    }

    /** An exclude rule that is TRUE or a require rule that is FALSE for this person. */
    public java.util.Optional<String> blockingRule(String groupId) {
      GroupRules g = groups.get(groupId);
      if (g == null) {
        return java.util.Optional.empty();
      }
      visiting.add(groupId);
      try {
        for (Rule r : g.exclude()) {
          if (truth(r) == Truth.TRUE) {
            return java.util.Optional.of("exclude " + r.describe());
          }
        }
        for (Rule r : g.require()) {
          if (truth(r) == Truth.FALSE) {
            return java.util.Optional.of("require " + r.describe());
          }
        }
        return java.util.Optional.empty();
      } finally {
        visiting.remove(groupId);
      }
    }

    private boolean decide(GroupRules g, boolean nestedIncludes) {
      boolean included = false;
      for (Rule r : g.include()) {
        if (!nestedIncludes && Rule.GROUP.equals(r.kind())) {
          continue;
        }
        if (truth(r) == Truth.TRUE) {
          included = true;
          break;
        }
      }
      if (!included) {
        return false;
      }
      for (Rule r : g.exclude()) {
        if (truth(r) == Truth.TRUE) {
          return false;
        }
      }
      for (Rule r : g.require()) {
        if (truth(r) == Truth.FALSE) {
          return false;
        }
      }
      return true;
    }

    Truth truth(Rule r) {
      if (r.malformed()) {
        return Truth.UNKNOWN;
      }
      return switch (r.kind()) {
        case Rule.EVERYONE -> Truth.TRUE;
        case Rule.EMAIL -> of(p.email() != null && p.email().equals(r.value()));
        case Rule.EMAIL_DOMAIN -> of(p.domain() != null && p.domain().equals(r.value()));
        case Rule.EMAIL_LIST -> {
          Set<String> values = lists.get(r.value());
          yield values == null
              ? Truth.UNKNOWN
              : of(p.email() != null && values.contains(p.email()));
        }
        case Rule.GROUP -> of(member(r.value()));
        case Rule.USER_RISK_SCORE -> riskKnown ? of(riskMatches(r)) : Truth.UNKNOWN;
        default -> Truth.UNKNOWN;
      };
    }

    private boolean riskMatches(Rule r) {
      return r.values().contains(p.riskLevel() == null ? UNSCORED : p.riskLevel());
    }
  }

  private static Truth of(boolean b) {
    return b ? Truth.TRUE : Truth.FALSE;
  }
}
