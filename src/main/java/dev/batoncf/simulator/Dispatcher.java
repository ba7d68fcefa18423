package dev.batoncf.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: for each request, in order, latency → scripted fault / budget → auth →
 * route → account id → denied area → endpoint handler; then record, run hooks, answer.
 *
 * <p>Auth (decided before anything else, even before "no route"): exactly one scheme. Both schemes
 * at once → 400 code 6003 (a connector bug we must never have); an incomplete key pair or a
 * non-Bearer Authorization → 400 code 6003; missing or wrong credentials → 401 code 10000; a
 * disabled or expired token → 401 code 10000 everywhere except the verify endpoints.
 *
 * <p>Account id in the path: not 32 lower-case hex → 404 code 7003 (Cloudflare's router does not
 * match it); well-formed but not this account → 403 code 9109 (existence not revealed).
 */
final class Dispatcher implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final SimAccount account;
  private final Faults faults;
  private final RequestLog log;
  private final Router router;
  private final AuditTrail audit;

  Dispatcher(SimAccount account, Faults faults, RequestLog log, Router router) {
    this.audit = account.audit();
    this.account = account;
    this.faults = faults;
    this.log = log;
    this.router = router;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      String full = ex.getRequestURI().getPath();
      boolean inApi = full.startsWith(Wire.API_PREFIX + "/");
      String path = inApi ? full.substring(Wire.API_PREFIX.length()) : full;
      SimRequest req =
          new SimRequest(
              method,
              path,
              ex.getRequestURI().getRawQuery(),
              ex.getRequestHeaders(),
              readBody(ex.getRequestBody()));
      Router.Match match = inApi ? router.match(method, path) : null;
      String template = match == null ? path : match.template();

      sleep(faults.latency());
      Faults.Outcome outcome = faults.admit(method, path, req.queryParams());
      sleep(outcome.extraDelay());
      if (outcome.disconnect()) {
        record(req, template, 0);
        runHooks(method, path);
        return; // closing the exchange before any response header drops the connection
      }
      SimRequest served = outcome.ignorePage() ? req.withoutQuery("page") : req;
      // Outside /client/v4 the real host answers an HTML 404, not the API's JSON envelope.
      SimResponse resp =
          outcome.response() != null
              ? outcome.response()
              : inApi ? serve(served, match) : SimResponse.html(404, Wire.NOT_FOUND_PAGE);
      if (outcome.rewrite() != null) {
        resp = resp.rewritten(outcome.rewrite());
      }
      record(req, template, resp.status());
      runHooks(method, path);
      send(ex, resp, outcome.headers());
    }
  }

  private SimResponse serve(SimRequest req, Router.Match match) {
    try {
      SimRequest.Caller caller = authenticate(req);
      if (match == null || match.route() == null) {
        throw new SimError(404, Wire.CODE_NO_ROUTE, Wire.MSG_NO_ROUTE);
      }
      Router.Route route = match.route();
      boolean verify = route.area() == null;
      if (caller.isToken() && !verify && !Wire.TOKEN_ACTIVE.equals(caller.token().status())) {
        throw new SimError(401, Wire.CODE_AUTH_ERROR, Wire.MSG_AUTH_ERROR);
      }
      if (route.accountScoped()) {
        checkAccount(match.params().get("account_id"));
      }
      if (!verify
          && (account.isDenied(route.area())
              || account.isDenied(route.method(), route.template()))) {
        throw new SimError(403, Wire.CODE_AUTH_ERROR, Wire.MSG_AUTH_ERROR);
      }
      req.bind(match.params(), caller);
      return audit.withPayloads(
          req, () -> current(route.template(), req), () -> route.handler().handle(req));
    } catch (SimError e) {
      return SimResponse.of(e);
    } catch (RuntimeException e) {
      LOG.warn("simulator handler failed for {} {}", req.method(), req.path(), e);
      return SimResponse.error(500, Wire.CODE_SERVER_ERROR, "Internal simulator error");
    }
  }

  private SimRequest.Caller authenticate(SimRequest req) {
    boolean bearer = req.hasHeader(Wire.H_AUTHORIZATION);
    boolean key = req.hasHeader(Wire.H_AUTH_EMAIL) || req.hasHeader(Wire.H_AUTH_KEY);
    if (bearer && key) {
      throw new SimError(
          400,
          Wire.CODE_INVALID_HEADERS,
          Wire.MSG_INVALID_HEADERS
              + ": send either Authorization or X-Auth-Email/X-Auth-Key, not both");
    }
    if (key) {
      String email = req.header(Wire.H_AUTH_EMAIL);
      String secret = req.header(Wire.H_AUTH_KEY);
      if (email == null || email.isBlank() || secret == null || secret.isBlank()) {
        throw new SimError(
            400,
            Wire.CODE_INVALID_HEADERS,
            Wire.MSG_INVALID_HEADERS + ": X-Auth-Email and X-Auth-Key must be sent together");
      }
      if (!account.acceptsGlobalKey(email.trim(), secret.trim())) {
        throw new SimError(401, Wire.CODE_AUTH_ERROR, Wire.MSG_AUTH_ERROR);
      }
      return new SimRequest.Caller(SimRequest.Scheme.GLOBAL_KEY, null, email.trim());
    }
    if (bearer) {
      String value = req.header(Wire.H_AUTHORIZATION).trim();
      if (!value.regionMatches(true, 0, "Bearer", 0, 6)
          || (value.length() > 6 && value.charAt(6) != ' ')) {
        throw new SimError(
            400,
            Wire.CODE_INVALID_HEADERS,
            Wire.MSG_INVALID_HEADERS + ": invalid format for Authorization header");
      }
      SimAccount.ApiToken token = account.tokenForSecret(value.substring(6).trim());
      if (token == null) {
        throw new SimError(401, Wire.CODE_AUTH_ERROR, Wire.MSG_AUTH_ERROR);
      }
      return new SimRequest.Caller(SimRequest.Scheme.TOKEN, token, null);
    }
    throw new SimError(401, Wire.CODE_AUTH_ERROR, Wire.MSG_AUTH_ERROR);
  }

  private void checkAccount(String accountId) {
    if (accountId == null || !accountId.matches("[0-9a-f]{32}")) {
      throw new SimError(404, Wire.CODE_NO_ROUTE, Wire.MSG_NO_ROUTE);
    }
    if (!accountId.equals(account.id())) {
      throw new SimError(403, Wire.CODE_UNAUTHORIZED_RESOURCE, Wire.MSG_UNAUTHORIZED_RESOURCE);
    }
  }

  private void record(SimRequest req, String template, int status) {
    log.add(
        new RequestLog.Recorded(
            Instant.now(),
            req.method(),
            req.path(),
            template,
            req.queryParams(),
            RequestLog.redact(req.headers()),
            req.body(),
            status));
  }

  private void runHooks(String method, String path) {
    for (Runnable hook : faults.hooks().take(method, path)) {
      try {
        hook.run();
      } catch (RuntimeException e) {
        LOG.warn("simulator hook failed after {} {}", method, path, e);
      }
    }
  }

  private static void send(HttpExchange ex, SimResponse resp, Map<String, String> rateHeaders)
      throws IOException {
    var headers = ex.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    rateHeaders.forEach(headers::set);
    resp.headers().forEach(headers::set);
    byte[] body = resp.body();
    boolean noBody = ex.getRequestMethod().equalsIgnoreCase("HEAD");
    ex.sendResponseHeaders(resp.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String readBody(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The object a delete removes, as the API showed it, for the audit record's payload. */
  private com.google.gson.JsonObject current(String template, SimRequest req) {
    if (template.equals(Paths.MEMBER)) {
      return account.member(req.param("member_id")).map(m -> Views.member(m, account)).orElse(null);
    }
    if (template.equals(Paths.ACCESS_GROUP)) {
      String id = req.param("group_id");
      return account.groups().stream()
          .filter(g -> g.get("id").getAsString().equals(id))
          .findFirst()
          .map(com.google.gson.JsonObject::deepCopy)
          .orElse(null);
    }
    return null;
  }
}
