package dev.batoncf.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.cloudflare.model.ResultInfo;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageTest {

  /** items on this page, page, per_page, total_count (-1 absent), total_pages (-1 absent). */
  @ParameterizedTest(name = "{0} items on page {1}/{2} total {3} pages {4} -> last={5}")
  @CsvSource({
    "50,1,50,51,-1,false",
    "1,2,50,51,-1,true",
    "50,1,50,50,-1,true",
    "50,2,50,101,-1,false",
    "1,3,50,101,-1,true",
    "1,1,50,1,-1,true",
    "0,1,50,0,-1,true",
    "1000,1,1000,2500,3,false",
    "500,3,1000,2500,3,true",
    "50,1,50,-1,-1,false",
    "49,2,50,-1,-1,true",
    "0,5,50,-1,-1,true",
    // total_pages too small, total_count honest: read on
    "1000,1,1000,2500,1,false",
    // total_pages too large, total_count honest: read on, and the empty page ends it
    "500,3,1000,2500,9,false",
    "0,4,1000,2500,9,true",
    // a short page while the totals say more remain is read on from
    "49,1,50,120,-1,false",
    // an empty page while they say more remain is not the last (the guard refuses it)
    "0,2,50,120,-1,false"
  })
  void lastPageComesFromResultInfoNotFromAnExtraEmptyPage(
      int items, int page, int perPage, int total, int pages, boolean last) {
    ResultInfo info =
        new ResultInfo(page, perPage, items, total < 0 ? null : total, pages < 0 ? null : pages);
    Page<String> p = Page.of(Collections.nCopies(items, "x"), page, perPage, info);
    assertEquals(last, p.last());
    assertEquals(total, p.totalCount());
  }

  @ParameterizedTest
  @CsvSource({"20,1,50,true", "50,1,50,false"})
  void withoutResultInfoAShortPageIsLast(int items, int page, int perPage, boolean last) {
    assertEquals(last, Page.of(Collections.nCopies(items, "x"), page, perPage, null).last());
  }

  @org.junit.jupiter.api.Test
  void nullItemsAreAnEmptyLastPage() {
    Page<String> p = Page.of(null, 1, 50, null);
    assertEquals(List.of(), p.items());
    assertEquals(true, p.last());
  }
}
