package dev.batoncf.connector;

import java.util.Set;

/**
 * What the audit log says changed since the previous sync, as far as re-fetching goes.
 *
 * @param memberIds memberships to re-fetch one by one
 * @param tokens whether the API token list is read again
 */
public record Delta(Set<String> memberIds, boolean tokens) {
  public Delta {
    memberIds = Set.copyOf(memberIds);
  }
}
