package dev.batoncf.cloudflare.model;

/**
 * Paging facts of a collection. {@code totalPages} is only declared by the newer Access schemas; the
 * IAM lists give {@code totalCount} and the page count has to be computed. The cursor-paged audit
 * log (v2) puts its next cursor at {@code cursor} by its schema but at {@code cursors.after} by
 * Cloudflare's SDKs (cloudflare-api.md §17), so both are read.
 */
public record ResultInfo(
    Integer page, Integer perPage, Integer count, Integer totalCount, Integer totalPages,
    String cursor, Cursors cursors) {

  public ResultInfo(Integer page, Integer perPage, Integer count, Integer totalCount,
      Integer totalPages) {
    this(page, perPage, count, totalCount, totalPages, null, null);
  }

  /** {@code result_info.cursors} of the cursor-paged lists. */
  public record Cursors(String after) {}

  /** The next page's cursor, or null on the last page. */
  public String nextCursor() {
    if (cursor != null && !cursor.isEmpty()) {
      return cursor;
    }
    return cursors == null || cursors.after() == null || cursors.after().isEmpty() ? null
        : cursors.after();
  }
}
