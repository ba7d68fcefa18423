package dev.batoncf.review;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.connector.ResourceTypes;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When each invitation was first seen pending. Cloudflare does not say when an invitation was sent,
 * so the only facts are the syncs that already listed it: its age is at least the time since the
 * earliest of them. Holds invitation ids only, a few per thousand members.
 */
final class InvitationHistory {
  private final Map<String, Instant> firstSeen = new HashMap<>();
  private int syncs;

  /** Records the invitations of {@code reader}'s selected sync, which started at {@code start}. */
  void add(C1zReader reader, Instant start) throws IOException {
    syncs++;
    reader.forEachResource(
        ResourceTypes.INVITATION_ID,
        r -> firstSeen.merge(r.getId().getResource(), start, (a, b) -> a.isBefore(b) ? a : b));
  }

  /** The start of the earliest sync that listed it pending, or null. */
  Instant pendingSince(String invitationId) {
    return firstSeen.get(invitationId);
  }

  /** Syncs read, the current one included. */
  int syncs() {
    return syncs;
  }
}
