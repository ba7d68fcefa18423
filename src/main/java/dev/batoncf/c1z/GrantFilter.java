package dev.batoncf.c1z;

/**
 * Which grants {@link C1zReader#forEachGrant} visits. A null field matches anything. Resource and
 * principal ids only make sense with their type, so an id without a type is rejected.
 *
 * @param resourceTypeId type of the entitlement's resource
 * @param resourceId id of the entitlement's resource
 * @param entitlementId the entitlement
 * @param principalTypeId type of the principal
 * @param principalId id of the principal
 */
public record GrantFilter(
    String resourceTypeId,
    String resourceId,
    String entitlementId,
    String principalTypeId,
    String principalId) {

  private static final GrantFilter ANY = new GrantFilter(null, null, null, null, null);

  public GrantFilter {
    if (resourceId != null && resourceTypeId == null) {
      throw new IllegalArgumentException("a resource id filter needs its resource type");
    }
    if (principalId != null && principalTypeId == null) {
      throw new IllegalArgumentException("a principal id filter needs its principal type");
    }
  }

  /** Every grant. */
  public static GrantFilter any() {
    return ANY;
  }

  /** Grants of one entitlement. */
  public static GrantFilter forEntitlement(String entitlementId) {
    return new GrantFilter(null, null, entitlementId, null, null);
  }

  /** Grants held by one principal. */
  public static GrantFilter forPrincipal(String principalTypeId, String principalId) {
    return new GrantFilter(null, null, null, principalTypeId, principalId);
  }

  /** Grants of entitlements on one resource (id may be null for every resource of the type). */
  public static GrantFilter forResource(String resourceTypeId, String resourceId) {
    return new GrantFilter(resourceTypeId, resourceId, null, null, null);
  }
}
