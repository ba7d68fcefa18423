package dev.batoncf.review;

import dev.batoncf.connector.ResourceTypes;
import java.util.Comparator;
import java.util.List;

/** The fixed order of identity types in a review: people first, then tokens, then the rest. */
final class IdentityOrder {
  static final List<String> TYPES =
      List.of(
          ResourceTypes.USER_ID,
          ResourceTypes.INVITATION_ID,
          ResourceTypes.ACCESS_USER_ID,
          ResourceTypes.API_TOKEN_ID,
          ResourceTypes.GROUP_ID);

  static final Comparator<Identity> IDENTITIES =
      Comparator.comparingInt((Identity i) -> rank(i.type()))
          .thenComparing(Identity::type)
          .thenComparing(Identity::id);

  private IdentityOrder() {}

  static int rank(String type) {
    int i = TYPES.indexOf(type);
    return i < 0 ? TYPES.size() : i;
  }
}
