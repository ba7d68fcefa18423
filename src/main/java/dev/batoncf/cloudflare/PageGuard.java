package dev.batoncf.cloudflare;

import dev.batoncf.cloudflare.model.Page;
import java.util.List;
import java.util.Objects;

/**
 * The one guard of every loop over a Cloudflare list's pages (the sync's page loop and the
 * provisioning lookups alike): one instance per walk over one list, asked about each page as it
 * arrives. It decides whether the page is the last and stops, with a one-line {@link
 * CloudflareException.Malformed}, a list that would otherwise never end or end wrongly:
 *
 * <ul>
 *   <li>a page with the same items as the page before (Cloudflare, or a proxy, ignoring {@code
 *       page}): the loop would never end;
 *   <li>an empty page while its {@code result_info} says items remain (an empty page in the middle,
 *       or {@code total_pages} growing with nothing behind it): what was read so far is not the
 *       whole list, and a partial list must not pass for a complete one;
 *   <li>more pages than page 1 announced, by a wide margin (twice as many, at least 10 more): a
 *       list may grow while it is read, not without end;
 *   <li>past {@link #MAX_PAGES} pages, whatever was announced.
 * </ul>
 *
 * <p>Asking again about the same page number (a step that failed and fetched it again) is judged
 * against the page before it, not against itself. Not thread-safe: one walk, one thread at a time.
 */
public final class PageGuard {
  /** 50 items a page × 100k pages: far beyond any account; a loop guard, not a limit. */
  public static final int MAX_PAGES = 100_000;

  /** A list may announce too few pages by this many (or by as many as it announced). */
  static final int GROWTH_SLACK = 10;

  /** Where the walk stands after a page: its number, its items, what page 1 announced. */
  private record State(int page, List<?> items, long announcedPages) {}

  private static final State START = new State(0, List.of(), -1);

  private final String list;
  private State before = START;
  private State after = START;

  /**
   * @param list the list's name in messages, e.g. "members"
   */
  public PageGuard(String list) {
    this.list = Objects.requireNonNull(list, "list");
  }

  /**
   * Checks the page just fetched and says whether it is the last one to read.
   *
   * @throws CloudflareException.Malformed when the pages repeat, run on past what was announced, or
   *     stop short of it
   * @throws IllegalArgumentException when pages are not checked in order (a caller bug)
   */
  public boolean last(Page<?> p) {
    State base;
    if (p.page() == after.page() && after.page() > 0) {
      base = before; // the same page again, after a step that failed: judge it afresh
    } else if (p.page() == after.page() + 1) {
      base = after;
    } else {
      throw new IllegalArgumentException(
          "pages of "
              + list
              + " must be checked in order: page "
              + p.page()
              + " after page "
              + after.page());
    }
    if (p.page() > MAX_PAGES) {
      throw fail("kept returning pages past " + MAX_PAGES);
    }
    if (!p.items().isEmpty() && p.items().equals(base.items())) {
      throw fail(
          "page "
              + p.page()
              + " has the same items as page "
              + base.page()
              + " (the list repeats)");
    }
    if (p.items().isEmpty() && !p.last()) {
      throw fail(
          "page "
              + p.page()
              + " is empty although result_info says more remain"
              + (p.totalCount() >= 0
                  ? " (total_count " + p.totalCount() + ", " + p.perPage() + " per page)"
                  : "")
              + "; what was read is not the whole list");
    }
    long announced = base.page() == 0 ? announcedPages(p) : base.announcedPages();
    if (announced > 0 && p.page() > announced + Math.max(announced, GROWTH_SLACK)) {
      throw fail(
          "page "
              + p.page()
              + " is far past the "
              + announced
              + " pages page 1 "
              + "announced (the list does not end)");
    }
    before = base;
    after = new State(p.page(), p.items(), announced);
    return p.last();
  }

  /** Pages the list announced on this page, or -1 when it did not say. */
  private static long announcedPages(Page<?> p) {
    if (p.totalCount() < 0 || p.perPage() <= 0) {
      return -1;
    }
    return Math.max(1, (p.totalCount() + p.perPage() - 1L) / p.perPage());
  }

  private CloudflareException.Malformed fail(String what) {
    return new CloudflareException.Malformed(
        null, 0, "the " + list + " list " + what + "; stopped instead of reading on");
  }
}
