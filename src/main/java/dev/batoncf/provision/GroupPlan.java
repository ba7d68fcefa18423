package dev.batoncf.provision;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.AccessGroup;
import dev.batoncf.connector.rules.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Pure planner for Access-group membership: adds or removes exactly one {@code
 * {"email":{"email":…}}} include rule and keeps every other field of the group as Cloudflare
 * returned it (a PUT replaces the whole group).
 *
 * @param body the complete PUT body, or null when nothing is to be written
 */
public record GroupPlan(Outcome outcome, JsonObject body, String reason) {
  /** Server-managed fields: not part of a replacement body. */
  static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at");

  /**
   * @param blockingRule an exclude/require rule that would keep the person out even with an include
   *     rule (decided by the caller), or null
   */
  public static GroupPlan add(AccessGroup group, String email, String blockingRule) {
    String wanted = normalize(email);
    if (indexOfEmailRule(group, wanted) >= 0) {
      return new GroupPlan(
          Outcome.ALREADY_DONE, null, email + " is already included by an " + "email rule");
    }
    if (blockingRule != null) {
      return new GroupPlan(
          Outcome.REFUSED,
          null,
          email
              + " would still not be a member because "
              + "of the rule '"
              + blockingRule
              + "'; change that rule in Cloudflare instead");
    }
    JsonObject body = replacementBody(group);
    JsonObject inner = new JsonObject();
    inner.addProperty("email", email.trim());
    JsonObject rule = new JsonObject();
    rule.add(Rule.EMAIL, inner);
    include(body).add(rule);
    return new GroupPlan(Outcome.CHANGED, body, null);
  }

  /**
   * @param otherRule an include rule other than this email rule that makes the person a member
   *     (decided by the caller), or null
   */
  public static GroupPlan remove(AccessGroup group, String email, String otherRule) {
    String wanted = normalize(email);
    boolean hasEmailRule = indexOfEmailRule(group, wanted) >= 0;
    if (otherRule != null) {
      // Dropping only the email rule would leave them a member: refused, nothing changed, so
      // a revoke is never reported done while the access remains.
      return new GroupPlan(
          Outcome.REFUSED,
          null,
          email
              + " is a member through the rule '"
              + otherRule
              + "'"
              + (hasEmailRule ? " as well as their email rule" : ", not an email " + "rule")
              + "; removing them needs a change to that rule");
    }
    if (!hasEmailRule) {
      return new GroupPlan(Outcome.ALREADY_DONE, null, email + " is not a member");
    }
    JsonObject body = replacementBody(group);
    JsonArray kept = new JsonArray();
    for (JsonElement e : include(body)) {
      if (!isEmailRuleFor(e, wanted)) {
        kept.add(e);
      }
    }
    body.add(AccessGroup.INCLUDE, kept);
    return new GroupPlan(Outcome.CHANGED, body, null);
  }

  /**
   * The group as Cloudflare returned it, minus server-managed fields. {@code is_default} is a
   * boolean in requests; the response schema types it as a rule array, which is not sent back.
   */
  static JsonObject replacementBody(AccessGroup group) {
    JsonObject body = group.raw().deepCopy();
    READ_ONLY.forEach(body::remove);
    JsonElement isDefault = body.get("is_default");
    if (isDefault != null
        && !(isDefault.isJsonPrimitive() && isDefault.getAsJsonPrimitive().isBoolean())) {
      body.remove("is_default");
    }
    if (!body.has(AccessGroup.INCLUDE) || !body.get(AccessGroup.INCLUDE).isJsonArray()) {
      body.add(AccessGroup.INCLUDE, new JsonArray());
    }
    return body;
  }

  static int indexOfEmailRule(AccessGroup group, String normalizedEmail) {
    JsonArray rules = group.rules(AccessGroup.INCLUDE);
    for (int i = 0; i < rules.size(); i++) {
      if (isEmailRuleFor(rules.get(i), normalizedEmail)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isEmailRuleFor(JsonElement e, String normalizedEmail) {
    Rule r = Rule.parse(e);
    return !r.malformed()
        && Rule.EMAIL.equals(r.kind())
        && normalize(r.field("email")).equals(normalizedEmail);
  }

  private static JsonArray include(JsonObject body) {
    return body.getAsJsonArray(AccessGroup.INCLUDE);
  }

  static String normalize(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  /** Rules as printed in results: one line per rule, in order. */
  public static List<String> describeInclude(AccessGroup g) {
    return Rule.parseAll(g.rules(AccessGroup.INCLUDE)).stream().map(Rule::describe).toList();
  }
}
