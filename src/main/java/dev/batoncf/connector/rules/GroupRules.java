package dev.batoncf.connector.rules;

import dev.batoncf.cloudflare.model.AccessGroup;
import java.util.List;

/** The three rule sections of one Access group: include (OR), require (AND), exclude (NOT). */
public record GroupRules(String id, List<Rule> include, List<Rule> require, List<Rule> exclude) {

  public static GroupRules of(AccessGroup g) {
    return new GroupRules(g.id(), Rule.parseAll(g.rules(AccessGroup.INCLUDE)),
        Rule.parseAll(g.rules(AccessGroup.REQUIRE)), Rule.parseAll(g.rules(AccessGroup.EXCLUDE)));
  }

  /** Exclude/require rules the connector decides; they stop a host from expanding nested groups. */
  public boolean hasEvaluableFilters() {
    return require.stream().anyMatch(Rule::evaluable) || exclude.stream().anyMatch(Rule::evaluable);
  }

  public List<String> nestedGroupIds() {
    return include.stream()
        .filter(r -> r.evaluable() && Rule.GROUP.equals(r.kind()))
        .map(r -> r.field("id"))
        .distinct()
        .toList();
  }
}
