package dev.batoncf.review;

import dev.batoncf.connector.ResourceTypes;
import java.util.Map;

/**
 * Plain words for a reviewer: what an identity is and what holding an entitlement means. Types this
 * connector does not know yet are described from the names in the file, never guessed.
 */
final class Wording {
  private static final Map<String, String> IDENTITY_NAMES =
      Map.of(
          ResourceTypes.USER_ID, "Account member",
          ResourceTypes.INVITATION_ID, "Invitation",
          ResourceTypes.ACCESS_USER_ID, "Access user",
          ResourceTypes.API_TOKEN_ID, "API token",
          ResourceTypes.GROUP_ID, "Access group");

  private Wording() {}

  /** "Account member" for {@code user}; otherwise the type's display name from the file. */
  static String identityTypeName(String type, String fileDisplayName) {
    String known = IDENTITY_NAMES.get(type);
    if (known != null) {
      return known;
    }
    return fileDisplayName == null || fileDisplayName.isBlank() ? type : fileDisplayName;
  }

  /** "Has role Administrator", "Member of Access group SRE", else the entitlement's own name. */
  static String holding(
      String resourceType,
      String resourceName,
      String displayName,
      String slug,
      String resourceTypeName) {
    if (ResourceTypes.ROLE_ID.equals(resourceType)) {
      return "Has role " + resourceName;
    }
    if (ResourceTypes.GROUP_ID.equals(resourceType)) {
      return "Member of Access group " + resourceName;
    }
    if (displayName != null && !displayName.isBlank()) {
      return displayName;
    }
    return (slug == null || slug.isBlank() ? "Access" : slug)
        + " on "
        + resourceTypeName
        + " "
        + resourceName;
  }

  /** The group an inherited access comes through: "Access group Platform Team". */
  static String noun(EntitlementRef e) {
    if (ResourceTypes.GROUP_ID.equals(e.resourceType())) {
      return "Access group " + e.resourceName();
    }
    return e.resourceTypeName() + " " + e.resourceName();
  }
}
