package dev.batoncf.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which IAM user groups an identity provider owns through SCIM. Cloudflare's group object has no
 * such flag (cloudflare-api.md §13), so the rule is: a group is SCIM-managed when its name matches
 * one of the configured patterns ({@code --scim-groups}, comma-separated, {@code *} matching any
 * run of characters, case-insensitive), or starts with a prefix Cloudflare reserves for groups it
 * or the IdP owns ({@code CF-}, {@code cloudflare-v1-}). Those groups' memberships are immutable to
 * Baton and provisioning refuses to change them.
 */
public final class ScimGroups {
  /** Name prefixes Cloudflare reserves for system and SCIM virtual groups. */
  public static final List<String> RESERVED_PREFIXES = List.of("CF-", "cloudflare-v1-");

  private final List<String> patterns;
  private final List<Pattern> compiled = new ArrayList<>();

  public ScimGroups(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    for (String p : this.patterns) {
      compiled.add(glob(p));
    }
  }

  public static ScimGroups none() {
    return new ScimGroups(List.of());
  }

  /** Parses the setting's text: comma-separated patterns, blanks ignored. */
  public static ScimGroups parse(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return new ScimGroups(out);
  }

  public List<String> patterns() {
    return patterns;
  }

  /** Whether the group of this name is owned by the IdP; {@link #reason} says why. */
  public boolean managed(String groupName) {
    return reason(groupName) != null;
  }

  /** Why the group counts as SCIM-managed, or null when it does not. */
  public String reason(String groupName) {
    if (groupName == null) {
      return null;
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (groupName.startsWith(prefix)) {
        return "its name starts with '"
            + prefix
            + "', which Cloudflare reserves for groups "
            + "it or the identity provider owns";
      }
    }
    for (int i = 0; i < compiled.size(); i++) {
      if (compiled.get(i).matcher(groupName).matches()) {
        return "it matches the SCIM-managed pattern '" + patterns.get(i) + "' (--scim-groups)";
      }
    }
    return null;
  }

  private static Pattern glob(String p) {
    List<String> parts = new ArrayList<>();
    for (String part : p.split("\\*", -1)) {
      parts.add(Pattern.quote(part));
    }
    return Pattern.compile(
        String.join(".*", parts), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
