package dev.batoncf.sync;

import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What part of the account one sync writes, as Baton's scoping flags say (baton-sdk {@code
 * pkg/sync/syncer.go}): a resource-type subset ({@code --sync-resource-types}), targeted resources
 * ({@code --sync-resources}: those resources, their entitlements and the grants on them, recorded
 * as a {@code partial} sync), no entitlements or grants at all ({@code
 * --skip-entitlements-and-grants}: a {@code resources_only} sync unless targeted) or no grants
 * ({@code --skip-grants}, which Baton only accepts with targeted resources).
 *
 * @param resourceTypes only these types (empty: every type); targets of other types are dropped, as
 *     Baton drops them
 * @param targets only these resources (empty: every resource of the kept types)
 */
public record SyncScope(
    Set<String> resourceTypes,
    Set<ResourceId> targets,
    boolean skipEntitlementsAndGrants,
    boolean skipGrants) {
  public static final String FULL = "full";
  public static final String PARTIAL = "partial";
  public static final String RESOURCES_ONLY = "resources_only";

  /** Everything: a full sync. */
  public static final SyncScope ALL = new SyncScope(Set.of(), Set.of(), false, false);

  public SyncScope {
    resourceTypes = Set.copyOf(resourceTypes);
    Set<ResourceId> kept = new LinkedHashSet<>();
    for (ResourceId t : targets) {
      if (resourceTypes.isEmpty() || resourceTypes.contains(t.getResourceType())) {
        kept.add(t);
      }
    }
    targets = java.util.Collections.unmodifiableSet(kept);
    if (skipGrants && targets.isEmpty()) {
      throw new IllegalArgumentException(
          "--skip-grants needs --sync-resources (Baton skips grants only in a targeted sync)");
    }
  }

  /**
   * A scope from the flags' values, checked against the connector's types.
   *
   * @throws IllegalArgumentException naming the first bad value
   */
  public static SyncScope of(
      Collection<String> types,
      Collection<ResourceId> targets,
      boolean skipEntitlementsAndGrants,
      boolean skipGrants,
      Collection<String> knownTypes) {
    for (String t : types) {
      if (!knownTypes.contains(t)) {
        throw new IllegalArgumentException(
            "--sync-resource-types: unknown resource type '"
                + t
                + "' (known: "
                + String.join(", ", knownTypes)
                + ")");
      }
    }
    for (ResourceId r : targets) {
      if (!knownTypes.contains(r.getResourceType())) {
        throw new IllegalArgumentException(
            "--sync-resources: unknown resource type '"
                + r.getResourceType()
                + "' in "
                + r.getResourceType()
                + ":"
                + r.getResource()
                + " (known: "
                + String.join(", ", knownTypes)
                + ")");
      }
    }
    return new SyncScope(
        new LinkedHashSet<>(types),
        new LinkedHashSet<>(targets),
        skipEntitlementsAndGrants,
        skipGrants);
  }

  public boolean targeted() {
    return !targets.isEmpty();
  }

  /** Whether every row of the account is written. */
  public boolean everything() {
    return equals(ALL);
  }

  /** The {@code v1_sync_runs.sync_type} Baton records for this scope. */
  public String syncType() {
    if (targeted()) {
      return PARTIAL;
    }
    return skipEntitlementsAndGrants ? RESOURCES_ONLY : FULL;
  }

  public boolean keepsType(String type) {
    return resourceTypes.isEmpty() || resourceTypes.contains(type);
  }

  public boolean keepsResource(ResourceId id) {
    return keepsType(id.getResourceType()) && (targets.isEmpty() || targets.contains(id));
  }

  /** An entitlement belongs to its resource. */
  public boolean keepsEntitlement(Entitlement e) {
    return !skipEntitlementsAndGrants && keepsResource(e.getResource().getId());
  }

  /** A grant belongs to the resource of its entitlement, as Baton lists grants per resource. */
  public boolean keepsGrant(Grant g) {
    return !skipEntitlementsAndGrants
        && !skipGrants
        && keepsResource(g.getEntitlement().getResource().getId());
  }

  /** The types whose resources this scope can write (for choosing which lists to read). */
  public Set<String> typesNeeded(Collection<String> allTypes) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : allTypes) {
      boolean targetedHere =
          targets.isEmpty() || targets.stream().anyMatch(r -> r.getResourceType().equals(t));
      if (keepsType(t) && targetedHere) {
        out.add(t);
      }
    }
    return out;
  }

  /** One line for logs and summaries, e.g. "targeted: role:abc; skip grants". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!resourceTypes.isEmpty()) {
      parts.add("types: " + String.join(",", new java.util.TreeSet<>(resourceTypes)));
    }
    if (targeted()) {
      parts.add(
          "targeted: "
              + String.join(
                  ",",
                  targets.stream().map(r -> r.getResourceType() + ":" + r.getResource()).toList()));
    }
    if (skipEntitlementsAndGrants) {
      parts.add("no entitlements or grants");
    } else if (skipGrants) {
      parts.add("no grants");
    }
    return parts.isEmpty() ? "full" : String.join("; ", parts);
  }
}
