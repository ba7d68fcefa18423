package dev.batoncf.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Method + path-template routing. Literal segments win over parameters, so {@code /tokens/verify}
 * is not taken for {@code /tokens/{token_id}} and {@code /zt_risk_scoring/summary} not for {@code
 * /zt_risk_scoring/{user_id}}.
 */
final class Router {

  @FunctionalInterface
  interface Handler {
    SimResponse handle(SimRequest req);
  }

  record Route(
      String method, String template, Area area, Handler handler, String[] segments, int literals) {
    boolean accountScoped() {
      return template.startsWith("/accounts/{account_id}");
    }
  }

  /** A matched path: the best template for it, and the route for the method if one exists. */
  record Match(String template, Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  void add(String method, String template, Area area, Handler handler) {
    String[] segs = template.substring(1).split("/", -1);
    int literals = 0;
    for (String s : segs) {
      if (!s.startsWith("{")) {
        literals++;
      }
    }
    routes.add(new Route(method, template, area, handler, segs, literals));
    // most literal first; stable sort keeps registration order among equals
    routes.sort(Comparator.comparingInt(Route::literals).reversed());
  }

  /** Null when no template matches the path at all. */
  Match match(String method, String path) {
    if (path.length() < 2 || path.charAt(0) != '/') {
      return null;
    }
    String[] segs = path.substring(1).split("/", -1);
    String bestTemplate = null;
    Map<String, String> bestParams = null;
    for (Route r : routes) {
      Map<String, String> params = bind(r.segments(), segs);
      if (params == null) {
        continue;
      }
      if (bestTemplate == null) {
        bestTemplate = r.template();
        bestParams = params;
      }
      if (r.method().equals(method) && r.template().equals(bestTemplate)) {
        return new Match(r.template(), r, params);
      }
    }
    return bestTemplate == null ? null : new Match(bestTemplate, null, bestParams);
  }

  private static Map<String, String> bind(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{")) {
        if (path[i].isEmpty()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), path[i]);
      } else if (!t.equals(path[i])) {
        return null;
      }
    }
    return params;
  }
}
