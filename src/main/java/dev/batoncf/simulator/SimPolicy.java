package dev.batoncf.simulator;

import java.util.List;

/**
 * A member permission policy (cloudflare-api.md §3): allow/deny a set of permission groups over a
 * set of resource groups.
 */
public record SimPolicy(
    String id,
    String access,
    List<PermissionGroup> permissionGroups,
    List<ResourceGroup> resourceGroups) {

  public SimPolicy {
    permissionGroups = List.copyOf(permissionGroups);
    resourceGroups = List.copyOf(resourceGroups);
  }

  /** {@code {id, name, meta}}; meta is rendered empty. */
  public record PermissionGroup(String id, String name) {}

  /**
   * {@code {id, name, meta, scope:[{key, objects:[{key:"*"}]}]}}.
   *
   * @param scopeKey e.g. {@code com.cloudflare.api.account.<acct>}
   */
  public record ResourceGroup(String id, String name, String scopeKey) {}
}
