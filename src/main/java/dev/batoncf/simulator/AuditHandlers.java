package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /accounts/{acct}/logs/audit} (v2, cloudflare-api.md §17): {@code since} and {@code
 * before} required (a date or RFC 3339), {@code direction} asc or desc (default desc), {@code
 * limit} 1–1000 (default 100), {@code cursor} from {@code result_info.cursor}; the last page has no
 * cursor. Only {@code asc} pages are cursor-stable while records arrive, which is what the
 * connector asks for.
 */
final class AuditHandlers {
  private final SimAccount account;

  AuditHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.AUDIT_LOGS, Area.AUDIT, this::list);
  }

  private SimResponse list(SimRequest req) {
    Instant since = time(req, "since");
    Instant before = time(req, "before");
    String direction = req.query("direction");
    if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
      throw SimError.validation("direction must be asc or desc");
    }
    int limit = limit(req);
    long after = cursor(req.query("cursor"));
    List<AuditTrail.Entry> all = account.audit().window(since, before, after);
    if ("desc".equals(direction == null ? "desc" : direction)) {
      all = new java.util.ArrayList<>(all);
      java.util.Collections.reverse(all);
    }
    List<AuditTrail.Entry> page = all.subList(0, Math.min(limit, all.size()));
    JsonArray result = new JsonArray(page.size());
    page.forEach(e -> result.add(account.audit().view(e)));
    JsonObject info = new JsonObject();
    info.addProperty("count", Integer.toString(page.size()));
    if (all.size() > page.size() && "asc".equals(direction)) {
      info.addProperty("cursor", encode(page.get(page.size() - 1).seq()));
    }
    return SimResponse.page(result, info);
  }

  private static Instant time(SimRequest req, String name) {
    String raw = req.query(name);
    if (raw == null || raw.isBlank()) {
      throw SimError.validation(name + " is required");
    }
    try {
      if (raw.length() == 10) {
        return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw SimError.validation(name + " must be a date or an RFC 3339 timestamp");
    }
  }

  private static int limit(SimRequest req) {
    String raw = req.query("limit");
    if (raw == null || raw.isEmpty()) {
      return 100;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw SimError.validation("limit must be between 1 and 1000");
  }

  private static String encode(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("after:" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long cursor(String raw) {
    if (raw == null || raw.isEmpty()) {
      return -1;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
      if (s.startsWith("after:")) {
        return Long.parseLong(s.substring(6));
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw SimError.validation("cursor is not valid");
  }
}
