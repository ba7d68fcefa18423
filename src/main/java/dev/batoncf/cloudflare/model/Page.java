package dev.batoncf.cloudflare.model;

import java.util.List;

/**
 * One page of a Cloudflare list, with the last-page decision already made from {@code result_info}
 * (see {@link #of}).
 *
 * @param totalCount total items in the list when Cloudflare said, else -1
 */
public record Page<T>(List<T> items, int page, int perPage, int totalCount, boolean last) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * Decides whether {@code page} is the last one from {@code result_info}, so that nobody fetches
   * an extra empty page to find the end: when it gives {@code total_pages} and/or {@code
   * total_count}, the page is the last once neither says more remain ({@code page < total_pages},
   * {@code page × per_page < total_count}); a short page that they say is not the last is read on
   * from. When the two disagree, an empty page ends the list if {@code total_count} says nothing
   * remains. Without either, a short (or empty) page is the last. An empty page that is not the
   * last is an anomaly {@link dev.batoncf.cloudflare.PageGuard} refuses.
   */
  public static <T> Page<T> of(List<T> items, int page, int perPage, ResultInfo info) {
    List<T> list = items == null ? List.of() : items;
    Integer totalPages = info == null ? null : info.totalPages();
    Integer totalCount = info == null ? null : info.totalCount();
    int total = totalCount != null ? totalCount : -1;
    int effectivePerPage =
        info != null && info.perPage() != null && info.perPage() > 0 ? info.perPage() : perPage;
    boolean last;
    if (totalPages == null && totalCount == null) {
      last = list.size() < effectivePerPage;
    } else {
      boolean morePages = totalPages != null && page < totalPages;
      boolean moreItems = totalCount != null && (long) page * effectivePerPage < totalCount;
      // total_pages saying more while total_count says none: the empty page settles it.
      last = !moreItems && (!morePages || list.isEmpty() && totalCount != null);
    }
    return new Page<>(list, page, effectivePerPage, total, last);
  }
}
