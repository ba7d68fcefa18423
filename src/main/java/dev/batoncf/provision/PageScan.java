package dev.batoncf.provision;

import dev.batoncf.cloudflare.model.Page;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The page loop of provisioning lookups (a membership by user id or email, an Access user by id,
 * the role catalogue): pages in order until the match or Cloudflare's last page.
 */
final class PageScan {
  private PageScan() {}

  /** The first item matching, reading no page past the one it is on. */
  static <T> Optional<T> first(BiFunction<Integer, Integer, Page<T>> fetch, int perPage,
                               Predicate<T> match) {
    for (int page = 1; ; page++) {
      Page<T> p = fetch.apply(page, perPage);
      Optional<T> found = p.items().stream().filter(match).findFirst();
      if (found.isPresent() || p.last()) {
        return found;
      }
    }
  }

  /** Every item of every page. */
  static <T> void each(BiFunction<Integer, Integer, Page<T>> fetch, int perPage,
                       Consumer<T> action) {
    first(fetch, perPage, item -> {
      action.accept(item);
      return false;
    });
  }
}
