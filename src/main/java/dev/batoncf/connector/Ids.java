package dev.batoncf.connector;

import dev.batoncf.pb.connector.v2.ResourceId;

/** Baton id conventions (baton-protocol.md §1.5); ids are contracts, never change them. */
public final class Ids {
  /** The only entitlement slug this connector emits (role and group membership). */
  public static final String MEMBER_SLUG = "member";

  private Ids() {}

  public static ResourceId resourceId(String type, String id) {
    return ResourceId.newBuilder().setResourceType(type).setResource(id).build();
  }

  /** {@code <resource type>:<resource id>:<slug>}. */
  public static String entitlementId(String type, String id, String slug) {
    return type + ":" + id + ":" + slug;
  }

  /** {@code <entitlement id>:<principal type>:<principal id>}. */
  public static String grantId(String entitlementId, String principalType, String principalId) {
    return entitlementId + ":" + principalType + ":" + principalId;
  }

  /** A parsed grant id; entitlement resource ids here never contain ':' (hex and uuids). */
  public record GrantRef(
      String resourceType,
      String resourceId,
      String slug,
      String principalType,
      String principalId) {
    public String entitlementId() {
      return Ids.entitlementId(resourceType, resourceId, slug);
    }
  }

  /**
   * Parses {@code type:id:slug:ptype:pid}. Returns null when the text does not have five non-empty
   * parts, so callers can say exactly what was wrong.
   */
  public static GrantRef parseGrantId(String grantId) {
    if (grantId == null) {
      return null;
    }
    String[] p = grantId.split(":", -1);
    if (p.length != 5) {
      return null;
    }
    for (String part : p) {
      if (part.isBlank()) {
        return null;
      }
    }
    return new GrantRef(p[0], p[1], p[2], p[3], p[4]);
  }

  /** Parses {@code type:id:slug} into its three parts, or null. */
  public static String[] parseEntitlementId(String entitlementId) {
    if (entitlementId == null) {
      return null;
    }
    String[] p = entitlementId.split(":", -1);
    if (p.length != 3 || p[0].isBlank() || p[1].isBlank() || p[2].isBlank()) {
      return null;
    }
    return p;
  }
}
