package dev.batoncf.connector.rules;

import dev.batoncf.cloudflare.model.AccessGroup;
import java.util.List;

/** The three rule sections of one Access group: include (OR), require (AND), exclude (NOT). */
public record GroupRules(
    String id,
    List<Rule> include,
    List<Rule> require,
    List<Rule> exclude,
    boolean hasEvaluableFilters,
    List<String> nestedGroupIds) {

  public GroupRules(String id, List<Rule> include, List<Rule> require, List<Rule> exclude) {
    this(
        id,
        List.copyOf(include),
        List.copyOf(require),
        List.copyOf(exclude),
        require.stream().anyMatch(Rule::evaluable) || exclude.stream().anyMatch(Rule::evaluable),
        include.stream()
            .filter(r -> r.evaluable() && Rule.GROUP.equals(r.kind()))
            .map(Rule::value)
            .distinct()
            .toList());
  }

  public static GroupRules of(AccessGroup g) {
    return new GroupRules(
        g.id(),
        Rule.parseAll(g.rules(AccessGroup.INCLUDE)),
        Rule.parseAll(g.rules(AccessGroup.REQUIRE)),
        Rule.parseAll(g.rules(AccessGroup.EXCLUDE)));
  }

  // hasEvaluableFilters: exclude/require rules the connector decides; they stop a host from
  // expanding nested groups. Both derived values are computed once: evaluation reads them for
  // every person and group.
}
