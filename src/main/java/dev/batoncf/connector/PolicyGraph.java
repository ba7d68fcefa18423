package dev.batoncf.connector;

import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.ResourceGroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sync learns about IAM policies across three lists (resource groups, user groups,
 * members), so that each resource group and each of its permission-group entitlements is emitted
 * once, whichever list names it first, and member policies a group already grants are told apart.
 * One instance per sync.
 */
final class PolicyGraph {
  private final ScimGroups scim;
  private final Set<String> resourceGroups = new HashSet<>();
  private final Set<String> entitlements = new HashSet<>();

  /** Policy id → the user group that owns it. */
  private final Map<String, String> groupPolicies = new HashMap<>();

  /** User group id → name, in list order. */
  private final Map<String, String> userGroups = new LinkedHashMap<>();

  /** Account-member id → Cloudflare user id, for accepted members. */
  private final Map<String, String> userIdByMemberId = new HashMap<>();

  PolicyGraph(ScimGroups scim) {
    this.scim = scim;
  }

  ScimGroups scim() {
    return scim;
  }

  /** Emits the resource group once (from the list, or from a policy naming it). */
  void resourceGroup(ResourceGroup rg, RowSink sink) {
    if (rg.id() != null && resourceGroups.add(rg.id())) {
      sink.resource(ResourceGroupSyncer.toResource(rg));
    }
  }

  /** Emits the resource group and its entitlement for the permission group, each once. */
  void entitlement(ResourceGroup rg, Policy.PermissionGroupRef pg, RowSink sink) {
    resourceGroup(rg, sink);
    if (entitlements.add(rg.id() + ":" + pg.id())) {
      sink.entitlement(ResourceGroupSyncer.entitlement(rg, pg));
    }
  }

  /**
   * Emits every grant of these allow policies, once each even when two policies overlap (resource
   * groups and entitlements first).
   */
  void allowGrants(List<Policy> policies, String principalType, String principalId, RowSink sink) {
    Set<String> seen = new HashSet<>();
    for (Policy p : policies) {
      for (ResourceGroup rg : p.resourceGroupsOrEmpty()) {
        for (Policy.PermissionGroupRef pg : p.permissionGroupsOrEmpty()) {
          if (rg.id() == null || pg.id() == null || !seen.add(rg.id() + ":" + pg.id())) {
            continue;
          }
          entitlement(rg, pg, sink);
          sink.grant(ResourceGroupSyncer.grant(rg.id(), pg.id(), principalType, principalId));
        }
      }
    }
  }

  void userGroup(String id, String name, Iterable<Policy> policies) {
    userGroups.put(id, name);
    for (Policy p : policies) {
      if (p.id() != null) {
        groupPolicies.put(p.id(), id);
      }
    }
  }

  Map<String, String> userGroups() {
    return userGroups;
  }

  /** The user group a policy id belongs to, or null for a member's own policy. */
  String groupOfPolicy(String policyId) {
    return policyId == null ? null : groupPolicies.get(policyId);
  }

  void member(String memberId, String userId) {
    userIdByMemberId.put(memberId, userId);
  }

  String userId(String memberId) {
    return userIdByMemberId.get(memberId);
  }
}
