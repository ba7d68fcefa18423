package dev.batoncf.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Member storage for one account: insertion-ordered, indexed by email, with cached filtered and
 * sorted views. The cache matters at 100,000 members: paging through 2,000 pages must not sort the
 * whole table 2,000 times. Any write drops the cache.
 */
final class MemberTable {
  private final LinkedHashMap<String, SimMember> byId = new LinkedHashMap<>();
  private final HashMap<String, String> idByEmail = new HashMap<>();
  private final Map<String, List<SimMember>> views = new HashMap<>();

  synchronized void put(SimMember m) {
    SimMember old = byId.put(m.id(), m);
    if (old != null) {
      idByEmail.remove(key(old.email()));
    }
    idByEmail.put(key(m.email()), m.id());
    views.clear();
  }

  synchronized SimMember get(String id) {
    return byId.get(id);
  }

  synchronized SimMember byEmail(String email) {
    String id = idByEmail.get(key(email));
    return id == null ? null : byId.get(id);
  }

  synchronized SimMember remove(String id) {
    SimMember old = byId.remove(id);
    if (old != null) {
      idByEmail.remove(key(old.email()));
      views.clear();
    }
    return old;
  }

  synchronized int size() {
    return byId.size();
  }

  /** All members in insertion order (immutable snapshot). */
  synchronized List<SimMember> all() {
    return view(null, null, false);
  }

  /**
   * Members with the given status (null = any), ordered by one of the {@code order} values of
   * {@code GET /members} (null = insertion order), optionally descending. Immutable, cached.
   */
  synchronized List<SimMember> view(String status, String order, boolean desc) {
    String key = status + "|" + order + "|" + desc;
    List<SimMember> cached = views.get(key);
    if (cached != null) {
      return cached;
    }
    List<SimMember> out = new ArrayList<>(byId.size());
    for (SimMember m : byId.values()) {
      if (status == null || status.equals(m.status())) {
        out.add(m);
      }
    }
    Comparator<SimMember> cmp = comparator(order);
    if (cmp != null) {
      out.sort(desc ? cmp.reversed() : cmp);
    } else if (desc) {
      java.util.Collections.reverse(out);
    }
    List<SimMember> frozen = List.copyOf(out);
    views.put(key, frozen);
    return frozen;
  }

  private static Comparator<SimMember> comparator(String order) {
    if (order == null) {
      return null;
    }
    return switch (order) {
      case "user.first_name" -> by(m -> m.user().firstName());
      case "user.last_name" -> by(m -> m.user().lastName());
      case "user.email" -> by(SimMember::email);
      case "status" -> by(SimMember::status);
      default -> throw new IllegalArgumentException(order);
    };
  }

  /** Case-insensitive, nulls last, ties broken by membership id so pages never overlap. */
  private static Comparator<SimMember> by(Function<SimMember, String> f) {
    return Comparator.comparing(f, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
        .thenComparing(SimMember::id);
  }

  private static String key(String email) {
    return email.toLowerCase(Locale.ROOT);
  }
}
