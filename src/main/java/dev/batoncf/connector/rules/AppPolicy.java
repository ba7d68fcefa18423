package dev.batoncf.connector.rules;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.AccessApp;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy of an Access application (cloudflare-api.md §15): its decision, its precedence and its
 * include/require/exclude rules, parsed with the same {@link Rule} union as groups.
 *
 * @param precedence the order of execution; {@link Integer#MAX_VALUE} when Cloudflare gave none
 */
public record AppPolicy(String id, String name, String decision, int precedence, GroupRules rules) {
  public static final String ALLOW = "allow";
  public static final String DENY = "deny";
  public static final String BYPASS = "bypass";
  public static final String NON_IDENTITY = "non_identity";

  public static AppPolicy of(JsonObject p) {
    String id = AccessApp.string(p, "id");
    JsonElement prec = p.get("precedence");
    int precedence =
        prec != null && prec.isJsonPrimitive() && prec.getAsJsonPrimitive().isNumber()
            ? prec.getAsInt()
            : Integer.MAX_VALUE;
    String decision = AccessApp.string(p, "decision");
    return new AppPolicy(
        id,
        AccessApp.string(p, "name"),
        decision == null ? "" : decision,
        precedence,
        new GroupRules(
            id,
            Rule.parseAll(AccessApp.rules(p, "include")),
            Rule.parseAll(AccessApp.rules(p, "require")),
            Rule.parseAll(AccessApp.rules(p, "exclude"))));
  }

  /** Allow and deny decide for an identified person; bypass and non_identity do not identify. */
  public boolean identifies() {
    return ALLOW.equals(decision) || DENY.equals(decision);
  }

  public boolean withoutIdentity() {
    return BYPASS.equals(decision) || NON_IDENTITY.equals(decision);
  }

  /** e.g. "1 allow Engineers: include group 3f2c…; require auth_method mfa". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    section(parts, "include", rules.include());
    section(parts, "require", rules.require());
    section(parts, "exclude", rules.exclude());
    String head =
        (precedence == Integer.MAX_VALUE ? "" : precedence + " ")
            + (decision.isEmpty() ? "(no decision)" : decision)
            + " "
            + (name != null ? name : id);
    return parts.isEmpty() ? head : head + ": " + String.join("; ", parts);
  }

  private static void section(List<String> out, String label, List<Rule> rules) {
    if (!rules.isEmpty()) {
      out.add(label + " " + String.join(" or ", rules.stream().map(Rule::describe).toList()));
    }
  }
}
