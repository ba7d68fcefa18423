package dev.batoncf.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed request: method, path below {@link Wire#API_PREFIX}, decoded query, headers with
 * lower-case names, body text; plus what routing and auth learned (path params, caller).
 */
final class SimRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, String> query;
  private final Map<String, List<String>> headers;
  private final String body;
  private Map<String, String> params = Map.of();
  private Caller caller;

  SimRequest(
      String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.query = parseQuery(rawQuery);
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(lower);
    this.body = body == null ? "" : body;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  Map<String, String> queryParams() {
    return query;
  }

  /** First value of a query parameter, or null. */
  String query(String name) {
    return query.get(name);
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  /** First value of a header (name case-insensitive), or null when absent. */
  String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  boolean hasHeader(String name) {
    return headers.containsKey(name.toLowerCase(Locale.ROOT));
  }

  String body() {
    return body;
  }

  /** The same request without one query parameter (a fault that drops it). */
  SimRequest withoutQuery(String name) {
    StringBuilder q = new StringBuilder();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (!decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name) && !pair.isEmpty()) {
          q.append(q.length() == 0 ? "" : "&").append(pair);
        }
      }
    }
    return new SimRequest(method, path, q.length() == 0 ? null : q.toString(), headers, body);
  }

  String param(String name) {
    return params.get(name);
  }

  void bind(Map<String, String> params, Caller caller) {
    this.params = params;
    this.caller = caller;
  }

  Caller caller() {
    return caller;
  }

  /** The body as a JSON object, or HTTP 400 code 6007 as Cloudflare answers malformed JSON. */
  JsonObject jsonObject() {
    try {
      JsonElement e = JsonParser.parseString(body);
      if (e != null && e.isJsonObject()) {
        return e.getAsJsonObject();
      }
    } catch (JsonParseException | IllegalStateException e) {
      // fall through to the 400 below
    }
    throw new SimError(400, Wire.CODE_MALFORMED_JSON, Wire.MSG_MALFORMED_JSON);
  }

  /** The body as a JSON array (the user-group member writes take a bare array), else 400. */
  com.google.gson.JsonArray jsonArray() {
    try {
      JsonElement e = JsonParser.parseString(body);
      if (e != null && e.isJsonArray()) {
        return e.getAsJsonArray();
      }
    } catch (JsonParseException | IllegalStateException e) {
      // fall through to the 400 below
    }
    throw new SimError(400, Wire.CODE_MALFORMED_JSON, Wire.MSG_MALFORMED_JSON);
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return Collections.unmodifiableMap(out);
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(k, v);
    }
    return Collections.unmodifiableMap(out);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a bad %-escape is kept verbatim rather than failing the request
    }
  }

  /** Who authenticated, and how. */
  record Caller(Scheme scheme, SimAccount.ApiToken token, String email) {
    boolean isToken() {
      return scheme == Scheme.TOKEN;
    }
  }

  enum Scheme {
    TOKEN,
    GLOBAL_KEY
  }
}
