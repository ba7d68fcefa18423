package dev.batoncf.review;

/**
 * An entitlement as the review shows it, shared by every row that holds it.
 *
 * @param id the entitlement id, e.g. {@code role:<roleId>:member}
 * @param displayName the entitlement's display name from the file (may be empty)
 * @param resourceType type of the resource it belongs to, e.g. {@code role}
 * @param resourceTypeName that type's display name, e.g. "Role"
 * @param resourceId the resource's id
 * @param resourceName the resource's display name (its id when the file has no name)
 * @param wording what holding it means, in plain words: "Has role Administrator"
 */
public record EntitlementRef(
    String id,
    String displayName,
    String resourceType,
    String resourceTypeName,
    String resourceId,
    String resourceName,
    String wording) {}
