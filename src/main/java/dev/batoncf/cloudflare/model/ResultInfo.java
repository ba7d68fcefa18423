package dev.batoncf.cloudflare.model;

/**
 * Paging facts of a collection. {@code totalPages} is only declared by the newer Access schemas;
 * the IAM lists give {@code totalCount} and the page count has to be computed. The cursor-paged
 * audit log (v2) gives {@code cursor}, or {@code cursors.after} in the SDKs' reading
 * (cloudflare-api.md §17): both are read.
 */
public record ResultInfo(
    Integer page,
    Integer perPage,
    Integer count,
    Integer totalCount,
    Integer totalPages,
    String cursor,
    Cursors cursors) {

  /** A page-numbered list's facts (no cursor). */
  public ResultInfo(
      Integer page, Integer perPage, Integer count, Integer totalCount, Integer totalPages) {
    this(page, perPage, count, totalCount, totalPages, null, null);
  }

  /** {@code result_info.cursors} as the Go and TypeScript SDKs read it. */
  public record Cursors(String after) {}

  /** The cursor of the next page, or null when this was the last. */
  public String nextCursor() {
    if (cursor != null && !cursor.isEmpty()) {
      return cursor;
    }
    return cursors != null && cursors.after() != null && !cursors.after().isEmpty()
        ? cursors.after()
        : null;
  }
}
