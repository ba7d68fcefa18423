package dev.batoncf.review;

/**
 * One difference between two syncs.
 *
 * @param change added, removed or changed
 * @param kind resource, entitlement or grant
 * @param id "type:id" for resources, the entitlement or grant id otherwise
 * @param label a display name when there is one, else the id
 */
public record DiffEntry(Change change, Kind kind, String id, String label) {
  /** What happened to a row between the base and the new sync. */
  public enum Change {
    ADDED,
    REMOVED,
    CHANGED
  }

  /** Which table the row belongs to. */
  public enum Kind {
    RESOURCE,
    ENTITLEMENT,
    GRANT
  }
}
