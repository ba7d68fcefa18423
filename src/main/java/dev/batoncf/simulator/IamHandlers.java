package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Account details, roles, account-owned API tokens and the two token-verify endpoints
 * (cloudflare-api.md §2, §4, §5).
 *
 * <p>Auth-scheme rules: the tokens list and details answer key auth with HTTP 403 code 9109 (so a
 * connector must degrade); the verify endpoints answer key auth with HTTP 400 code 6003, and the
 * wrong kind of token (user vs account owned) with HTTP 401 code 1000. Verify reports a disabled or
 * expired token's status instead of failing, so a client can explain what is wrong. {@code GET
 * /roles/{id}} returns the Super Administrator role even when the list hides it.
 */
final class IamHandlers {
  private final SimAccount account;

  IamHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    // area null: verify needs no permission group, and works for disabled/expired tokens
    r.add("GET", Paths.USER_TOKENS_VERIFY, null, req -> verify(req, false));
    r.add("GET", Paths.ACCOUNT_TOKENS_VERIFY, null, req -> verify(req, true));
    r.add("GET", Paths.ACCOUNT, Area.ACCOUNT, this::account);
    r.add("GET", Paths.ROLES, Area.ROLES, this::roles);
    r.add("GET", Paths.ROLE, Area.ROLES, this::role);
    r.add("GET", Paths.TOKENS, Area.TOKENS, this::tokens);
    r.add("GET", Paths.TOKEN, Area.TOKENS, this::token);
  }

  private SimResponse verify(SimRequest req, boolean accountVariant) {
    SimRequest.Caller caller = req.caller();
    if (!caller.isToken()) {
      throw new SimError(
          400,
          Wire.CODE_INVALID_HEADERS,
          Wire.MSG_INVALID_HEADERS + ": this endpoint requires an API token");
    }
    SimAccount.ApiToken t = caller.token();
    if (t.accountOwned() != accountVariant) {
      throw new SimError(401, Wire.CODE_INVALID_TOKEN, Wire.MSG_INVALID_TOKEN);
    }
    JsonObject result = new JsonObject();
    result.addProperty("id", t.id());
    result.addProperty("status", t.status());
    Views.putIfSet(result, "not_before", t.notBefore());
    Views.putIfSet(result, "expires_on", t.expiresOn());
    return SimResponse.ok(result);
  }

  private SimResponse account(SimRequest req) {
    JsonObject settings = new JsonObject();
    settings.addProperty("enforce_twofactor", false); // no test needs an account that enforces it
    settings.addProperty("abuse_contact_email", (String) null);
    JsonObject o = new JsonObject();
    o.addProperty("id", account.id());
    o.addProperty("name", account.name());
    o.addProperty("type", "standard");
    o.addProperty("created_on", account.createdOn());
    o.add("settings", settings);
    return SimResponse.ok(o);
  }

  private SimResponse roles(SimRequest req) {
    Paging paging = Paging.iam(req);
    List<SimRole> all = account.listedRoles();
    List<SimRole> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(r -> result.add(Views.roleListed(r)));
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), false));
  }

  private SimResponse role(SimRequest req) {
    SimRole r = account.role(req.param("role_id")).orElseThrow(() -> SimError.notFound("Role"));
    return SimResponse.ok(Views.roleListed(r));
  }

  private SimResponse tokens(SimRequest req) {
    requireToken(req);
    Paging paging = Paging.iam(req);
    String includeExpired = req.query("include_expired");
    if (includeExpired != null
        && !includeExpired.equals("true")
        && !includeExpired.equals("false")) {
      throw SimError.validation("include_expired must be true or false");
    }
    String direction = req.query("direction");
    if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
      throw SimError.validation("direction must be asc or desc");
    }
    List<SimToken> all = new ArrayList<>();
    for (SimToken t : account.tokens()) {
      if ("true".equals(includeExpired) || !Wire.TOKEN_EXPIRED.equals(t.status())) {
        all.add(t);
      }
    }
    if ("desc".equals(direction)) {
      Collections.reverse(all);
    }
    List<SimToken> page = paging.slice(all);
    JsonArray result = new JsonArray(page.size());
    page.forEach(t -> result.add(Views.token(t)));
    return SimResponse.page(result, paging.resultInfo(page.size(), all.size(), false));
  }

  private SimResponse token(SimRequest req) {
    requireToken(req);
    SimToken t = account.token(req.param("token_id")).orElseThrow(() -> SimError.notFound("Token"));
    return SimResponse.ok(Views.token(t));
  }

  /** The account-token endpoints are {@code api_token}-only (cloudflare-api.md §5). */
  private static void requireToken(SimRequest req) {
    if (!req.caller().isToken()) {
      throw new SimError(403, Wire.CODE_UNAUTHORIZED_RESOURCE, Wire.MSG_UNAUTHORIZED_RESOURCE);
    }
  }
}
