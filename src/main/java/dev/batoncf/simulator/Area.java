package dev.batoncf.simulator;

import java.util.Locale;

/**
 * Permission areas a credential can be denied with {@link SimAccount#denyPermission(String)}. Each
 * route belongs to one; a denied area answers HTTP 403 code 10000, as Cloudflare does for a token
 * that lacks the permission group.
 */
public enum Area {
  ACCOUNT,
  MEMBERS,
  ROLES,
  TOKENS,
  ACCESS,
  APPS,
  GATEWAY,
  RISK,
  INTEL,
  AUDIT,
  USER_GROUPS,
  RESOURCE_GROUPS;

  /** The lower-case name used by {@link SimAccount#denyPermission(String)}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Area parse(String name) {
    for (Area a : values()) {
      if (a.wireName().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown permission area: " + name);
  }
}
