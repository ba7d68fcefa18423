package dev.batoncf.cloudflare.model;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.CloudflareClient;
import java.util.List;

/**
 * A permission policy of a member or a user group (cloudflare-api.md §13, §14): allow or deny every
 * listed permission group on every listed resource group.
 */
public record Policy(
    String id,
    String access,
    List<PermissionGroupRef> permissionGroups,
    List<ResourceGroup> resourceGroups) {
  public static final String ALLOW = "allow";
  public static final String DENY = "deny";

  /** A member's policy as the member record carries it (raw JSON there). */
  public static Policy of(JsonObject raw) {
    return CloudflareClient.gson().fromJson(raw, Policy.class);
  }

  public boolean allows() {
    return ALLOW.equalsIgnoreCase(access);
  }

  public boolean denies() {
    return DENY.equalsIgnoreCase(access);
  }

  public List<PermissionGroupRef> permissionGroupsOrEmpty() {
    return permissionGroups == null ? List.of() : permissionGroups;
  }

  public List<ResourceGroup> resourceGroupsOrEmpty() {
    return resourceGroups == null ? List.of() : resourceGroups;
  }

  /** {@code {id, name, meta}}; {@code name} is the human label, e.g. "Zone Read". */
  public record PermissionGroupRef(String id, String name) {}
}
