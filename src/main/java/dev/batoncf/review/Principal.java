package dev.batoncf.review;

import java.util.List;
import java.util.Locale;

/**
 * Whoever is behind one or more identities: an account member and an Access user with the same
 * email are one person with two identities (their ids are kept apart, never merged). API tokens and
 * groups stand alone.
 *
 * @param name the best display name among the identities
 * @param email the shared email, when there is one
 * @param byEmail the identities were linked by email (else there is exactly one)
 * @param identities in a fixed order: member, invitation, Access user, token, others
 */
public record Principal(String name, String email, boolean byEmail, List<Identity> identities) {
  public Principal {
    identities = List.copyOf(identities);
  }

  /** Stable key: {@code email:<lower-case email>}, else the single identity's {@code type:id}. */
  public String key() {
    return byEmail ? "email:" + email.trim().toLowerCase(Locale.ROOT) : identities.get(0).key();
  }

  public boolean flagged() {
    return identities.stream().anyMatch(i -> !i.flags().isEmpty());
  }
}
