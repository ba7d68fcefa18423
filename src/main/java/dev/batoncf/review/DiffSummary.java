package dev.batoncf.review;

import java.util.EnumMap;
import java.util.Map;

/** Counts of differences per kind and change. */
public final class DiffSummary {
  private final Map<DiffEntry.Kind, Map<DiffEntry.Change, Long>> counts =
      new EnumMap<>(DiffEntry.Kind.class);

  void count(DiffEntry e) {
    counts
        .computeIfAbsent(e.kind(), k -> new EnumMap<>(DiffEntry.Change.class))
        .merge(e.change(), 1L, Long::sum);
  }

  public long get(DiffEntry.Kind kind, DiffEntry.Change change) {
    return counts.getOrDefault(kind, Map.of()).getOrDefault(change, 0L);
  }

  public long total() {
    return counts.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /** "resources +1 -0 ~2; entitlements +0 -0 ~0; grants +3 -1 ~0". */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (DiffEntry.Kind k : DiffEntry.Kind.values()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(k.name().toLowerCase(java.util.Locale.ROOT))
          .append("s +")
          .append(get(k, DiffEntry.Change.ADDED))
          .append(" -")
          .append(get(k, DiffEntry.Change.REMOVED))
          .append(" ~")
          .append(get(k, DiffEntry.Change.CHANGED));
    }
    return sb.toString();
  }
}
