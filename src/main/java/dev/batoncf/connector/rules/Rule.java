package dev.batoncf.connector.rules;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Access rule: an object with exactly one key naming its kind (cloudflare-api.md §6). Unknown
 * kinds are kept verbatim; a malformed rule is kept too, flagged, and matches nothing.
 */
public record Rule(String kind, JsonObject body, boolean malformed, Set<String> values) {
  public static final String EMAIL = "email";
  public static final String EMAIL_DOMAIN = "email_domain";
  public static final String EVERYONE = "everyone";
  public static final String EMAIL_LIST = "email_list";
  public static final String GROUP = "group";
  public static final String USER_RISK_SCORE = "user_risk_score";

  /** Kinds decided by the identity Cloudflare knows, so the API alone tells who matches. */
  static final Set<String> EVALUABLE =
      Set.of(EMAIL, EMAIL_DOMAIN, EVERYONE, EMAIL_LIST, GROUP, USER_RISK_SCORE);

  /** Kinds documented in the API whose truth depends on an IdP or on the request. */
  static final Set<String> KNOWN_OTHER =
      Set.of(
          "ip",
          "ip_list",
          "geo",
          "certificate",
          "common_name",
          "auth_method",
          "device_posture",
          "login_method",
          "auth_context",
          "azureAD",
          "okta",
          "gsuite",
          "github-organization",
          "saml",
          "oidc",
          "service_token",
          "any_valid_service_token",
          "external_evaluation",
          "linked_app_token",
          "cloudflare_account_member");

  public static Rule parse(JsonElement e) {
    if (e == null || !e.isJsonObject() || e.getAsJsonObject().size() != 1) {
      return new Rule("malformed", new JsonObject(), true, Set.of());
    }
    Map.Entry<String, JsonElement> only = e.getAsJsonObject().entrySet().iterator().next();
    JsonObject body = only.getValue().isJsonObject() ? only.getValue().getAsJsonObject() : null;
    boolean bad = body == null || !wellFormed(only.getKey(), body);
    JsonObject b = body == null ? new JsonObject() : body;
    return new Rule(only.getKey(), b, bad, bad ? Set.of() : normalized(only.getKey(), b));
  }

  /**
   * The values a person is compared with, normalised once (evaluation runs for every person and
   * group): the lower-cased email, the domain without '@', the referenced id, the risk levels.
   */
  private static Set<String> normalized(String kind, JsonObject body) {
    return switch (kind) {
      case EMAIL -> Set.of(lower(body.get("email").getAsString()));
      case EMAIL_DOMAIN -> {
        String d = lower(body.get("domain").getAsString());
        yield Set.of(d.startsWith("@") ? d.substring(1) : d);
      }
      case EMAIL_LIST, GROUP -> Set.of(body.get("id").getAsString());
      case USER_RISK_SCORE -> {
        Set<String> levels = new java.util.HashSet<>();
        body.getAsJsonArray(USER_RISK_SCORE)
            .forEach(
                x -> {
                  if (x.isJsonPrimitive()) {
                    levels.add(lower(x.getAsString()));
                  }
                });
        yield Set.copyOf(levels);
      }
      default -> Set.of();
    };
  }

  private static String lower(String s) {
    return s.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** The single normalised value of an email, domain, list or group rule. */
  public String value() {
    return values.isEmpty() ? null : values.iterator().next();
  }

  public static List<Rule> parseAll(Iterable<JsonElement> rules) {
    List<Rule> out = new ArrayList<>();
    rules.forEach(r -> out.add(parse(r)));
    return out;
  }

  /** Whether the connector can decide this rule for a person from API data. */
  public boolean evaluable() {
    return !malformed && EVALUABLE.contains(kind);
  }

  public boolean known() {
    return EVALUABLE.contains(kind) || KNOWN_OTHER.contains(kind);
  }

  /** The string field {@code key} of the body, or null. */
  public String field(String key) {
    JsonElement v = body.get(key);
    return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
  }

  /** A short human text, e.g. "email_domain example.org" or "okta eng-all". */
  public String describe() {
    if (malformed) {
      return "malformed rule";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonElement> f : body.entrySet()) {
      JsonElement v = f.getValue();
      if (v.isJsonPrimitive()) {
        parts.add(v.getAsString());
      } else if (v.isJsonArray()) {
        List<String> items = new ArrayList<>();
        v.getAsJsonArray().forEach(x -> items.add(x.isJsonPrimitive() ? x.getAsString() : "…"));
        parts.add(String.join("|", items));
      }
    }
    String kindText = known() ? kind : kind + " (unknown rule kind)";
    return parts.isEmpty() ? kindText : kindText + " " + String.join(" ", parts);
  }

  private static boolean wellFormed(String kind, JsonObject body) {
    return switch (kind) {
      case EMAIL -> isString(body, "email");
      case EMAIL_DOMAIN -> isString(body, "domain");
      case EMAIL_LIST, GROUP -> isString(body, "id");
      case USER_RISK_SCORE -> body.has(USER_RISK_SCORE) && body.get(USER_RISK_SCORE).isJsonArray();
      default -> true;
    };
  }

  private static boolean isString(JsonObject o, String key) {
    JsonElement v = o.get(key);
    return v != null && v.isJsonPrimitive() && !v.getAsString().isBlank();
  }
}
