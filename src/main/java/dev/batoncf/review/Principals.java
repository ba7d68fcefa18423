package dev.batoncf.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Groups identities into principals: user-like identities sharing an email (compared without case)
 * are one person; everything else stands alone. Ids are never merged, only listed together.
 */
final class Principals {

  private Principals() {}

  static List<Principal> link(List<Identity> identities, Predicate<Identity> linkable) {
    Map<String, List<Identity>> byEmail = new HashMap<>();
    List<Principal> out = new ArrayList<>();
    for (Identity i : identities) {
      String email = i.email() == null ? null : i.email().trim().toLowerCase(Locale.ROOT);
      if (email != null && !email.isEmpty() && linkable.test(i)) {
        byEmail.computeIfAbsent(email, e -> new ArrayList<>(2)).add(i);
      } else {
        out.add(new Principal(i.name(), i.email(), false, List.of(i)));
      }
    }
    byEmail.forEach(
        (email, list) -> {
          list.sort(IdentityOrder.IDENTITIES);
          out.add(new Principal(name(list), list.get(0).email(), true, list));
        });
    return sorted(out);
  }

  /** By lower-case name, then key; the keys are computed once, not at every comparison. */
  private static List<Principal> sorted(List<Principal> in) {
    record Keyed(String name, String key, Principal p) {}
    List<Keyed> keyed = new ArrayList<>(in.size());
    for (Principal p : in) {
      keyed.add(new Keyed(p.name().toLowerCase(Locale.ROOT), p.key(), p));
    }
    keyed.sort(Comparator.comparing(Keyed::name).thenComparing(Keyed::key));
    List<Principal> out = new ArrayList<>(in.size());
    keyed.forEach(k -> out.add(k.p()));
    return out;
  }

  /** A person's name: the first identity whose name is more than its email, else the email. */
  private static String name(List<Identity> list) {
    for (Identity i : list) {
      if (i.name() != null && !i.name().equalsIgnoreCase(i.email())) {
        return i.name();
      }
    }
    return list.get(0).email();
  }
}
