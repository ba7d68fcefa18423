package dev.batoncf.connector;

import java.util.Set;

/**
 * The rows an incremental sync takes from the previous sync instead of reading Cloudflare again.
 * Implemented over the previous c1z by the sync package; the connector only says which rows.
 */
public interface PreviousRows {
  /** Membership ids of the previous sync's invitations. */
  Set<String> invitationMemberIds();

  /**
   * Writes the previous users, and the grants they held, of every membership not in {@code except};
   * each role those grants name is offered to {@link RoleSyncer#adopt}, and when adopted its
   * previous resource and entitlement are written too.
   *
   * @throws IncrementalUnsafe when a carried grant names a role that only a full sync can describe
   *     correctly
   */
  void members(Set<String> except, RoleSyncer roles, RowSink sink);

  /** Writes the previous API token rows. */
  void tokens(RowSink sink);
}
