package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Access applications and off-boarding (cloudflare-api.md §15, §16).
 *
 * <p>{@code GET /access/apps} pages with {@code per_page} 1–1000 (default 1000) and returns {@code
 * total_pages}; filters {@code name} and {@code domain} (exact, case-insensitive). Each app embeds
 * its policies in full. {@code GET /apps/{id}/policies} pages them with {@code per_page} 1–1000,
 * default 200. {@code POST /apps/{id}/revoke_tokens} answers 202 with {@code result: null}. {@code
 * POST /organizations/revoke_user} needs {@code email} and answers {@code result: true} when an
 * Access user has that email, {@code false} otherwise (sim choice: Cloudflare's schema says only
 * that the result is a boolean).
 */
final class AppHandlers {
  private final SimAccount account;

  AppHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.ACCESS_APPS, Area.APPS, this::apps);
    r.add("GET", Paths.ACCESS_APP, Area.APPS, req -> SimResponse.ok(existing(req)));
    r.add("GET", Paths.ACCESS_APP_POLICIES, Area.APPS, this::policies);
    r.add("POST", Paths.ACCESS_APP_REVOKE_TOKENS, Area.APPS, this::revokeTokens);
    r.add("POST", Paths.REVOKE_USER, Area.ACCESS, this::revokeUser);
  }

  private SimResponse apps(SimRequest req) {
    Paging paging = Paging.access(req);
    String name = lower(req.query("name"));
    String domain = lower(req.query("domain"));
    List<JsonObject> all = new ArrayList<>();
    for (JsonObject a : account.apps().all()) {
      if (name != null && !name.equals(lower(MemberHandlers.string(a, "name")))) {
        continue;
      }
      if (domain != null && !domain.equals(lower(MemberHandlers.string(a, "domain")))) {
        continue;
      }
      all.add(a);
    }
    List<JsonObject> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(result::add);
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), true));
  }

  private SimResponse policies(SimRequest req) {
    JsonObject app = existing(req);
    Paging paging = Paging.parse(req, 1, 1000, 200);
    List<JsonElement> all = new ArrayList<>();
    JsonElement embedded = app.get("policies");
    if (embedded != null && embedded.isJsonArray()) {
      embedded.getAsJsonArray().forEach(all::add);
    }
    List<JsonElement> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(result::add);
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), true));
  }

  private SimResponse revokeTokens(SimRequest req) {
    JsonObject app = existing(req);
    account.apps().revokedTokens(MemberHandlers.string(app, "id"));
    return SimResponse.ok(202, JsonNull.INSTANCE);
  }

  private SimResponse revokeUser(SimRequest req) {
    JsonObject body = req.jsonObject();
    String email = MemberHandlers.string(body, "email");
    if (email == null || !email.contains("@")) {
      throw SimError.validation("email is required");
    }
    boolean known =
        account.accessUsers().stream()
            .anyMatch(u -> u.email() != null && u.email().equalsIgnoreCase(email.trim()));
    if (known) {
      account.apps().revokedUser(email.trim().toLowerCase(Locale.ROOT));
    }
    return SimResponse.ok(new JsonPrimitive(known));
  }

  private JsonObject existing(SimRequest req) {
    String id = req.param("app_id");
    return account.apps().get(id).orElseThrow(() -> SimError.notFound("Access application"));
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
