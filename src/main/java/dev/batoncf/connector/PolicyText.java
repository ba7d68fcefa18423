package dev.batoncf.connector;

import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.ResourceGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * How resource-group scopes and policies read in a review: "account", "zone" or "resource", and
 * texts such as "Zone Read on zone 0123…". Pure.
 */
public final class PolicyText {
  public static final String KIND_ACCOUNT = "account";
  public static final String KIND_ZONE = "zone";
  public static final String KIND_RESOURCE = "resource";
  static final String ACCOUNT_PREFIX = "com.cloudflare.api.account.";
  static final String ZONE_PREFIX = "com.cloudflare.api.account.zone.";

  private PolicyText() {}

  /**
   * account when any scope covers every object, zone when every object is a zone, else resource.
   */
  public static String kind(ResourceGroup rg) {
    List<ResourceGroup.Scope> scopes = rg.scopes();
    boolean allZones = !scopes.isEmpty();
    for (ResourceGroup.Scope s : scopes) {
      if (s.objects().isEmpty() || s.objects().contains(ResourceGroup.ALL_OBJECTS)) {
        return s.key().startsWith(ZONE_PREFIX) ? KIND_ZONE : KIND_ACCOUNT;
      }
      for (String o : s.objects()) {
        allZones &= o.startsWith(ZONE_PREFIX);
      }
    }
    return allZones ? KIND_ZONE : KIND_RESOURCE;
  }

  /** "account <id>", "zone <id>", "zones <a>, <b>", or the object keys; the id when no scope. */
  public static String scope(ResourceGroup rg) {
    List<String> parts = new ArrayList<>();
    List<String> zones = new ArrayList<>();
    for (ResourceGroup.Scope s : rg.scopes()) {
      if (s.objects().isEmpty() || s.objects().contains(ResourceGroup.ALL_OBJECTS)) {
        parts.add(describeKey(s.key()));
        continue;
      }
      for (String o : s.objects()) {
        if (o.startsWith(ZONE_PREFIX)) {
          zones.add(o.substring(ZONE_PREFIX.length()));
        } else {
          parts.add(o);
        }
      }
    }
    if (!zones.isEmpty()) {
      parts.add((zones.size() == 1 ? "zone " : "zones ") + String.join(", ", zones));
    }
    if (parts.isEmpty()) {
      return "resource group " + (rg.name() != null ? rg.name() : rg.id());
    }
    return String.join("; ", parts);
  }

  private static String describeKey(String key) {
    if (key.startsWith(ZONE_PREFIX)) {
      return "zone " + key.substring(ZONE_PREFIX.length());
    }
    if (key.startsWith(ACCOUNT_PREFIX)) {
      return "account " + key.substring(ACCOUNT_PREFIX.length());
    }
    return key;
  }

  /** The permission group's label, else its id. */
  public static String permissionGroup(Policy.PermissionGroupRef pg) {
    return pg.name() != null && !pg.name().isBlank() ? pg.name() : pg.id();
  }

  /** "<permission group> on <scope>", the entitlement's display name. */
  public static String grantName(Policy.PermissionGroupRef pg, ResourceGroup rg) {
    return permissionGroup(pg) + " on " + scope(rg);
  }

  /**
   * One line per permission group × resource group of the policies with this access, e.g. "deny:
   * Zone Read on zone abc (policy p1)"; null when there are none (nothing on the profile).
   */
  public static List<String> describe(List<Policy> policies, boolean deny) {
    List<String> out = new ArrayList<>();
    for (Policy p : policies) {
      if (p.denies() != deny || (!deny && !p.allows())) {
        continue;
      }
      for (Policy.PermissionGroupRef pg : p.permissionGroupsOrEmpty()) {
        for (ResourceGroup rg : p.resourceGroupsOrEmpty()) {
          out.add(
              p.access()
                  + ": "
                  + grantName(pg, rg)
                  + (p.id() != null ? " (policy " + p.id() + ")" : ""));
        }
      }
    }
    return out.isEmpty() ? null : out;
  }
}
