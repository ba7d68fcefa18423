package dev.batoncf.cloudflare.model;

import java.util.List;

/**
 * One page of a Cloudflare list, with the last-page decision already made from {@code result_info}
 * so that nobody fetches an extra empty page to find the end.
 *
 * @param totalCount total items in the list when Cloudflare said, else -1
 */
public record Page<T>(List<T> items, int page, int perPage, int totalCount, boolean last) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * Decides whether {@code page} is the last one: total_pages when present, else total_count /
   * per_page, else a short page. An empty page is always the last.
   */
  public static <T> Page<T> of(List<T> items, int page, int perPage, ResultInfo info) {
    List<T> list = items == null ? List.of() : items;
    int total = info != null && info.totalCount() != null ? info.totalCount() : -1;
    int effectivePerPage =
        info != null && info.perPage() != null && info.perPage() > 0 ? info.perPage() : perPage;
    boolean last;
    if (list.isEmpty()) {
      last = true;
    } else if (info != null && info.totalPages() != null) {
      last = page >= info.totalPages();
    } else if (total >= 0) {
      last = (long) page * effectivePerPage >= total;
    } else {
      last = list.size() < effectivePerPage;
    }
    return new Page<>(list, page, effectivePerPage, total, last);
  }
}
