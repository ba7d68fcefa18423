package dev.batoncf.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.cloudflare.model.ResultInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageGuardTest {

  private static List<String> items(int from, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("m" + (from + i));
    }
    return out;
  }

  private static Page<String> page(
      List<String> items, int page, Integer totalCount, Integer totalPages) {
    return Page.of(items, page, 50, new ResultInfo(page, 50, items.size(), totalCount, totalPages));
  }

  @Test
  void anHonestListEndsOnTheAnnouncedLastPage() {
    PageGuard g = new PageGuard("members");
    assertFalse(g.last(page(items(0, 50), 1, 120, null)));
    assertFalse(g.last(page(items(50, 50), 2, 120, null)));
    assertTrue(g.last(page(items(100, 20), 3, 120, null)));
  }

  @Test
  void aRepeatedPageFailsInsteadOfLoopingForever() {
    PageGuard g = new PageGuard("members");
    assertFalse(g.last(page(items(0, 50), 1, 120, null)));
    CloudflareException.Malformed e =
        assertThrows(
            CloudflareException.Malformed.class, () -> g.last(page(items(0, 50), 2, 120, null)));
    assertEquals(
        "malformed response from Cloudflare: the members list page 2 has the same "
            + "items as page 1 (the list repeats); stopped instead of reading on",
        e.getMessage());
  }

  @Test
  void anEmptyPageWhileMoreRemainFailsRatherThanPassForTheWholeList() {
    PageGuard g = new PageGuard("access users");
    assertFalse(g.last(page(items(0, 50), 1, 150, 3)));
    CloudflareException.Malformed e =
        assertThrows(CloudflareException.Malformed.class, () -> g.last(page(List.of(), 2, 150, 3)));
    assertEquals(
        "malformed response from Cloudflare: the access users list page 2 is empty "
            + "although result_info says more remain (total_count 150, 50 per page); what was "
            + "read is not the whole list; stopped instead of reading on",
        e.getMessage());
  }

  @Test
  void totalPagesGrowingWithoutEndIsStopped() {
    PageGuard g = new PageGuard("roles");
    int page = 1;
    CloudflareException.Malformed e = null;
    try {
      // every page full of new items and an ever larger total: page 1 announced 2 pages, so
      // page 2 + max(2, 10) + 1 is refused
      for (; page < 1000; page++) {
        g.last(page(items(page * 50, 50), page, page * 50 + 1, null));
      }
    } catch (CloudflareException.Malformed m) {
      e = m;
    }
    assertEquals(13, page);
    assertEquals(
        "malformed response from Cloudflare: the roles list page 13 is far past the 2 "
            + "pages page 1 announced (the list does not end); stopped instead of reading on",
        e.getMessage());
  }

  @Test
  void aPageFetchedAgainAfterAFailedStepIsJudgedAgainstThePageBefore() {
    PageGuard g = new PageGuard("members");
    assertFalse(g.last(page(items(0, 50), 1, 120, null)));
    assertFalse(g.last(page(items(50, 50), 2, 120, null)));
    assertFalse(g.last(page(items(50, 50), 2, 120, null)), "same page number: a re-fetch");
    assertTrue(g.last(page(items(100, 20), 3, 120, null)));
    assertThrows(IllegalArgumentException.class, () -> g.last(page(items(0, 1), 5, 120, null)));
  }

  @Test
  void withoutResultInfoAShortPageEnds() {
    PageGuard g = new PageGuard("members");
    assertFalse(g.last(Page.of(items(0, 50), 1, 50, null)));
    assertTrue(g.last(Page.of(List.<String>of(), 2, 50, null)));
  }
}
