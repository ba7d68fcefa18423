package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Zero Trust risk scoring and its integrations (cloudflare-api.md §9).
 *
 * <p>When risk scoring is disabled for the account every {@code /zt_risk_scoring/...} route answers
 * HTTP 404 code {@link Wire#CODE_RISK_DISABLED} (sim choice), distinct from a missing permission
 * (403 code 10000), so a connector can report "no risk scoring" precisely.
 *
 * <p>The summary lists users that have at least one risk event. An Access user that was never
 * scored has no {@code risk_level}. Reset sets level low, clears events, stamps {@code
 * last_reset_time}, and returns {@code result: null}. Integration answers carry a {@code
 * result_info} even for single objects, as the schema declares.
 */
final class RiskHandlers {
  static final String OKTA = "Okta";

  private final SimAccount account;

  RiskHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.RISK_SUMMARY, Area.RISK, this::summary);
    r.add("GET", Paths.RISK_USER, Area.RISK, this::user);
    r.add("POST", Paths.RISK_RESET, Area.RISK, this::reset);
    r.add("GET", Paths.INTEGRATIONS, Area.RISK, this::integrations);
    r.add("POST", Paths.INTEGRATIONS, Area.RISK, this::createIntegration);
    r.add("GET", Paths.INTEGRATION, Area.RISK, req -> single(existing(req)));
    r.add("PUT", Paths.INTEGRATION, Area.RISK, this::updateIntegration);
    r.add("DELETE", Paths.INTEGRATION, Area.RISK, this::deleteIntegration);
    r.add("GET", Paths.INTEGRATION_BY_REF, Area.RISK, this::byReference);
  }

  private void requireEnabled() {
    if (!account.riskScoringEnabled()) {
      throw new SimError(404, Wire.CODE_RISK_DISABLED, Wire.MSG_RISK_DISABLED);
    }
  }

  private SimResponse summary(SimRequest req) {
    requireEnabled();
    JsonArray users = new JsonArray();
    for (SimAccessUser u : account.accessUsers()) {
      SimRisk risk = account.risk(u.id()).orElse(null);
      if (risk == null || risk.events().isEmpty()) {
        continue;
      }
      JsonObject o = new JsonObject();
      o.addProperty("user_id", u.id());
      o.addProperty("email", u.email());
      o.addProperty("name", u.name());
      o.addProperty("max_risk_level", maxLevel(risk.events()));
      o.addProperty("event_count", risk.events().size());
      o.addProperty("last_event", risk.events().get(risk.events().size() - 1).timestamp());
      users.add(o);
    }
    JsonObject result = new JsonObject();
    if (account.unpagedListPageSize() > 0) {
      Paging paging = Paging.forced(req, account.unpagedListPageSize());
      List<JsonElement> page = paging.slice(users.asList());
      JsonArray slice = new JsonArray(page.size());
      page.forEach(slice::add);
      result.add("users", slice);
      return SimResponse.page(result, paging.resultInfo(page.size(), users.size(), true));
    }
    result.add("users", users);
    return SimResponse.page(result, Paging.single(users.size()));
  }

  private SimResponse user(SimRequest req) {
    requireEnabled();
    SimAccessUser u = accessUser(req);
    SimRisk risk = account.risk(u.id()).orElse(new SimRisk(null, List.of(), null));
    JsonObject o = new JsonObject();
    o.addProperty("name", u.name());
    o.addProperty("email", u.email());
    JsonArray events = new JsonArray();
    risk.events().forEach(e -> events.add(Views.riskEvent(e)));
    o.add("events", events);
    Views.putIfSet(o, "risk_level", risk.riskLevel());
    o.addProperty("last_reset_time", risk.lastResetTime());
    return SimResponse.page(o, Paging.single(events.size()));
  }

  private SimResponse reset(SimRequest req) {
    requireEnabled();
    String userId = accessUser(req).id();
    account.resetRisk(userId);
    account
        .audit()
        .api(
            req,
            AuditTrail.PRODUCT_RISK,
            AuditTrail.TYPE_USER_RISK,
            userId,
            AuditTrail.UPDATE,
            "Reset user risk score");
    return SimResponse.ok(JsonNull.INSTANCE);
  }

  private SimAccessUser accessUser(SimRequest req) {
    return account.accessUser(req.param("user_id")).orElseThrow(() -> SimError.notFound("User"));
  }

  private static String maxLevel(List<SimRisk.Event> events) {
    int max = 0;
    for (SimRisk.Event e : events) {
      max = Math.max(max, rank(e.riskLevel()));
    }
    return max >= 3 ? Wire.RISK_HIGH : max == 2 ? Wire.RISK_MEDIUM : Wire.RISK_LOW;
  }

  private static int rank(String level) {
    return Wire.RISK_HIGH.equals(level) ? 3 : Wire.RISK_MEDIUM.equals(level) ? 2 : 1;
  }

  // ------------------------------------------------------------------ integrations

  private SimResponse integrations(SimRequest req) {
    requireEnabled();
    List<SimIntegration> all = account.integrations();
    JsonArray result = new JsonArray(all.size());
    all.forEach(i -> result.add(Views.integration(i)));
    return SimResponse.page(result, Paging.single(all.size()));
  }

  private SimResponse createIntegration(SimRequest req) {
    requireEnabled();
    JsonObject body = req.jsonObject();
    if (!OKTA.equals(MemberHandlers.string(body, "integration_type"))) {
      throw SimError.validation("integration_type must be Okta");
    }
    String tenantUrl = tenantUrl(body);
    String referenceId = referenceId(body);
    String id = account.newUuid();
    SimIntegration created =
        new SimIntegration(
            id,
            account.id(),
            true,
            account.now(),
            OKTA,
            referenceId,
            tenantUrl,
            "/.well-known/sse-configuration/" + id + "/");
    account.putIntegration(created);
    logged(req, id, AuditTrail.CREATE);
    return single(created);
  }

  private SimResponse updateIntegration(SimRequest req) {
    SimIntegration old = existing(req);
    JsonObject body = req.jsonObject();
    JsonElement active = body.get("active");
    if (active == null || !active.isJsonPrimitive() || !active.getAsJsonPrimitive().isBoolean()) {
      throw SimError.validation("active is required and must be a boolean");
    }
    SimIntegration updated =
        new SimIntegration(
            old.id(),
            old.accountTag(),
            active.getAsBoolean(),
            old.createdAt(),
            old.integrationType(),
            referenceId(body),
            tenantUrl(body),
            old.wellKnownUrl());
    account.putIntegration(updated);
    logged(req, old.id(), AuditTrail.UPDATE);
    return single(updated);
  }

  private void logged(SimRequest req, String integrationId, String type) {
    account
        .audit()
        .api(
            req,
            AuditTrail.PRODUCT_RISK,
            AuditTrail.TYPE_INTEGRATION,
            integrationId,
            type,
            "Risk scoring integration " + type);
  }

  private SimResponse deleteIntegration(SimRequest req) {
    String id = existing(req).id();
    account.removeIntegration(id);
    logged(req, id, AuditTrail.DELETE);
    return SimResponse.page(new JsonObject(), Paging.single(0));
  }

  private SimResponse byReference(SimRequest req) {
    requireEnabled();
    String ref = req.param("reference_id");
    for (SimIntegration i : account.integrations()) {
      if (ref.equals(i.referenceId())) {
        return single(i);
      }
    }
    throw SimError.notFound("Integration");
  }

  private SimIntegration existing(SimRequest req) {
    requireEnabled();
    return account
        .integration(req.param("integration_id"))
        .orElseThrow(() -> SimError.notFound("Integration"));
  }

  private static SimResponse single(SimIntegration i) {
    return SimResponse.page(Views.integration(i), Paging.single(1));
  }

  private static String tenantUrl(JsonObject body) {
    String url = MemberHandlers.string(body, "tenant_url");
    try {
      URI uri = url == null ? null : new URI(url);
      if (uri != null
          && uri.isAbsolute()
          && uri.getHost() != null
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw SimError.validation("tenant_url is required and must be a URI");
  }

  /** Optional and nullable; anything else than a string or null is refused. */
  private static String referenceId(JsonObject body) {
    JsonElement e = body.get("reference_id");
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw SimError.validation("reference_id must be a string");
    }
    return e.getAsString();
  }
}
