package dev.batoncf.c1z;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Row counts of one sync.
 *
 * @param resourceTypes rows in {@code v1_resource_types}
 * @param resources rows in {@code v1_resources}
 * @param entitlements rows in {@code v1_entitlements}
 * @param grants rows in {@code v1_grants}
 * @param resourcesByType resources per resource type id; every stored resource type is present,
 *     with 0 when it has no resources
 * @param entitlementsByType entitlements per type of the resource they belong to
 * @param grantsByType grants per type of the entitlement's resource
 */
public record Counts(
    long resourceTypes,
    long resources,
    long entitlements,
    long grants,
    Map<String, Long> resourcesByType,
    Map<String, Long> entitlementsByType,
    Map<String, Long> grantsByType) {

  public Counts {
    resourcesByType = sortedCopy(resourcesByType);
    entitlementsByType = sortedCopy(entitlementsByType);
    grantsByType = sortedCopy(grantsByType);
  }

  /** Total rows across the four object tables. */
  public long total() {
    return resourceTypes + resources + entitlements + grants;
  }

  private static Map<String, Long> sortedCopy(Map<String, Long> in) {
    // Sorted so that printing or serializing the counts is deterministic.
    return Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(in)));
  }
}
