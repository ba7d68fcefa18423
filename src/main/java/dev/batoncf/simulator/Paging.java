package dev.batoncf.simulator;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * Page-number pagination as Cloudflare does it: {@code page} ≥ 1, {@code per_page} within an
 * endpoint-specific range, out-of-range values refused with HTTP 400, a page past the end empty.
 */
record Paging(int page, int perPage) {

  /** IAM lists (members, roles, tokens): 5–50, default 20 (cloudflare-api.md §1). */
  static Paging iam(SimRequest req) {
    return parse(req, 5, 50, 20);
  }

  /** Access users and groups: 1–1000, default 1000. */
  static Paging access(SimRequest req) {
    return parse(req, 1, 1000, 1000);
  }

  static Paging parse(SimRequest req, int min, int max, int def) {
    int page = intParam(req, "page", 1);
    int perPage = intParam(req, "per_page", def);
    if (page < 1) {
      throw SimError.validation("page must be greater than or equal to 1");
    }
    if (perPage < min || perPage > max) {
      throw SimError.validation("per_page must be between " + min + " and " + max);
    }
    return new Paging(page, perPage);
  }

  private static int intParam(SimRequest req, String name, int def) {
    String raw = req.query(name);
    if (raw == null || raw.isEmpty()) {
      return def;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw SimError.validation(name + " must be an integer");
    }
  }

  <T> List<T> slice(List<T> all) {
    long from = (long) (page - 1) * perPage;
    if (from >= all.size()) {
      return List.of();
    }
    int to = (int) Math.min(all.size(), from + perPage);
    return all.subList((int) from, to);
  }

  /**
   * {@code result_info}; {@code total_pages} only where the newer Access schemas declare it, so
   * clients of the IAM lists must compute it themselves.
   */
  JsonObject resultInfo(int count, int totalCount, boolean withTotalPages) {
    JsonObject info = new JsonObject();
    info.addProperty("page", page);
    info.addProperty("per_page", perPage);
    info.addProperty("count", count);
    info.addProperty("total_count", totalCount);
    if (withTotalPages) {
      info.addProperty("total_pages", (totalCount + perPage - 1) / perPage);
    }
    return info;
  }

  /**
   * For a list the schema declares unpaged (risk summary, list items) on an account set to page it
   * anyway ({@link SimAccount#pageUnpagedLists(int)}): {@code page} from the query, the account's
   * page size, no {@code per_page} read.
   */
  static Paging forced(SimRequest req, int pageSize) {
    return new Paging(intParam(req, "page", 1), pageSize);
  }

  /** result_info of a single-page list (lists, list items, risk, integrations). */
  static JsonObject single(int count) {
    JsonObject info = new JsonObject();
    info.addProperty("page", 1);
    info.addProperty("per_page", Math.max(count, 1));
    info.addProperty("count", count);
    info.addProperty("total_count", count);
    return info;
  }
}
