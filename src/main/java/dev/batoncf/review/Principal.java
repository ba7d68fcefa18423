package dev.batoncf.review;

import java.util.List;

/**
 * Whoever is behind one or more identities: an account member and an Access user with the same
 * email are one person with two identities (their ids are kept apart, never merged). API tokens
 * and groups stand alone.
 *
 * @param key stable key: {@code email:<lower-case email>} or the single identity's {@code type:id}
 * @param name the best display name among the identities
 * @param email the shared email, when there is one
 * @param identities in a fixed order: member, invitation, Access user, token, others
 */
public record Principal(String key, String name, String email, List<Identity> identities) {
  public Principal {
    identities = List.copyOf(identities);
  }

  public boolean flagged() {
    return identities.stream().anyMatch(i -> !i.flags().isEmpty());
  }
}
