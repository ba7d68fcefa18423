package dev.batoncf.review;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An access review of one sync: who has what, and what is flagged.
 *
 * @param source the c1z file name it was read from
 * @param syncId the sync it describes
 * @param syncStartedAt when that sync started
 * @param syncEndedAt when it ended (the state the review shows)
 * @param rules the thresholds and the "as of" instant used for ages
 * @param earlierSyncs how many earlier syncs were read to date pending invitations
 * @param principals sorted by name
 * @param summary counts for the top of the report
 */
public record AccessReview(
    String source,
    String syncId,
    Instant syncStartedAt,
    Instant syncEndedAt,
    ReviewRules rules,
    int earlierSyncs,
    List<Principal> principals,
    Summary summary) {
  public AccessReview {
    principals = List.copyOf(principals);
  }

  /**
   * @param identitiesByType identities per resource type, in report order
   * @param accessRows (identity, entitlement) pairs
   * @param flaggedIdentities identities with at least one flag
   * @param flags identities carrying each flag, every code present (0 when none)
   */
  public record Summary(
      Map<String, Integer> identitiesByType,
      long accessRows,
      int flaggedIdentities,
      Map<FlagCode, Integer> flags) {
    public Summary {
      identitiesByType = Collections.unmodifiableMap(new LinkedHashMap<>(identitiesByType));
      flags = Collections.unmodifiableMap(new EnumMap<>(flags));
    }

    static Summary of(List<Principal> principals) {
      Map<String, Integer> byType = new LinkedHashMap<>();
      Map<FlagCode, Integer> flags = new EnumMap<>(FlagCode.class);
      for (FlagCode c : FlagCode.values()) {
        flags.put(c, 0);
      }
      long rows = 0;
      int flagged = 0;
      for (Principal p : principals) {
        for (Identity i : p.identities()) {
          byType.merge(i.type(), 1, Integer::sum);
          rows += i.access().size();
          if (!i.flags().isEmpty()) {
            flagged++;
          }
          i.flags().stream()
              .map(Flag::code)
              .distinct()
              .forEach(c -> flags.merge(c, 1, Integer::sum));
        }
      }
      Map<String, Integer> ordered = new LinkedHashMap<>();
      IdentityOrder.TYPES.forEach(
          t -> {
            if (byType.containsKey(t)) {
              ordered.put(t, byType.remove(t));
            }
          });
      new java.util.TreeMap<>(byType).forEach(ordered::put);
      return new Summary(ordered, rows, flagged, flags);
    }
  }
}
