package dev.batoncf.provision;

import dev.batoncf.cloudflare.PageGuard;
import dev.batoncf.cloudflare.model.Page;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The page loop of provisioning lookups (a membership by user id or email, an Access user by id,
 * the role catalogue): pages in order until the match or Cloudflare's last page, each page checked
 * by the same {@link PageGuard} as the sync's, so a list that repeats or never ends fails the
 * lookup instead of hanging it.
 */
final class PageScan {
  private PageScan() {}

  /** The first item matching, reading no page past the one it is on. */
  static <T> Optional<T> first(
      String list, BiFunction<Integer, Integer, Page<T>> fetch, int perPage, Predicate<T> match) {
    PageGuard guard = new PageGuard(list);
    for (int page = 1; ; page++) {
      Page<T> p = fetch.apply(page, perPage);
      boolean last = guard.last(p);
      Optional<T> found = p.items().stream().filter(match).findFirst();
      if (found.isPresent() || last) {
        return found;
      }
    }
  }

  /** Every item of every page. */
  static <T> void each(
      String list, BiFunction<Integer, Integer, Page<T>> fetch, int perPage, Consumer<T> action) {
    first(
        list,
        fetch,
        perPage,
        item -> {
          action.accept(item);
          return false;
        });
  }
}
