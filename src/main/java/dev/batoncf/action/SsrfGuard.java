package dev.batoncf.action;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a caller of {@code custom_api_call} may ask for, decided before anything is sent. A
 * governance host (or whoever can reach it) chooses the endpoint, method, headers and query, and
 * the connector adds its Cloudflare credentials, so every part is checked here. Pure: no I/O.
 *
 * <ul>
 *   <li>Endpoint: a path relative to the configured base URL and nothing else. Refused: absolute
 *       and scheme-relative URLs, '.'/'..' segments, empty segments, backslashes, '@',
 *       percent-encoding of any kind (so {@code %2e%2e}, {@code %2f} and double encodings like
 *       {@code %252e} cannot hide a traversal), '?' and '#' (query goes in its own argument),
 *       spaces, control characters (CR/LF) and non-ASCII (look-alike dots and slashes). What is
 *       left is letters, digits, {@code . _ ~ -} and '/'. The HTTP stack's base-URL guard is the
 *       second line of defence.
 *   <li>Method: GET, POST, PUT, PATCH or DELETE.
 *   <li>Headers: never credentials ({@code Authorization}, {@code X-Auth-*}), {@code Host}, {@code
 *       Cookie}, hop-by-hop or framing headers, forwarding headers, or method overrides (which
 *       could turn an allowed GET into a write); no control characters in values.
 *   <li>Sizes: request body, header and query counts, and the response body read back.
 * </ul>
 */
public final class SsrfGuard {
  /** At most this much of a response body is read and returned (the rest is cut, and flagged). */
  public static final long MAX_RESPONSE_BYTES = 1L << 20;

  public static final int MAX_REQUEST_BODY_BYTES = 256 * 1024;
  public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** The one method that cannot change anything, so the one allowed without provisioning. */
  public static final String READ_METHOD = "GET";

  static final int MAX_ENDPOINT_CHARS = 2048;
  static final int MAX_HEADERS = 32;
  static final int MAX_QUERY_PARAMS = 64;
  static final int MAX_NAME_CHARS = 256;
  static final int MAX_VALUE_CHARS = 8192;

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

  /** RFC 9110 token characters. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private static final String WHY_CREDENTIAL = "the connector sends its own credentials";
  private static final String WHY_TARGET = "requests only go to the configured base URL";
  private static final String WHY_TRANSPORT = "the HTTP client manages it";
  private static final String WHY_METHOD = "it could turn the request into another method";

  /** Lower-case name → why a caller may not set it. */
  private static final Map<String, String> DENIED_HEADERS =
      Map.ofEntries(
          Map.entry("authorization", WHY_CREDENTIAL),
          Map.entry("proxy-authorization", WHY_CREDENTIAL),
          Map.entry("cookie", WHY_CREDENTIAL),
          Map.entry("host", WHY_TARGET),
          Map.entry("forwarded", WHY_TARGET),
          Map.entry("connection", WHY_TRANSPORT),
          Map.entry("keep-alive", WHY_TRANSPORT),
          Map.entry("proxy-connection", WHY_TRANSPORT),
          Map.entry("te", WHY_TRANSPORT),
          Map.entry("trailer", WHY_TRANSPORT),
          Map.entry("transfer-encoding", WHY_TRANSPORT),
          Map.entry("upgrade", WHY_TRANSPORT),
          Map.entry("content-length", WHY_TRANSPORT),
          Map.entry("expect", WHY_TRANSPORT),
          Map.entry("x-http-method-override", WHY_METHOD),
          Map.entry("x-http-method", WHY_METHOD),
          Map.entry("x-method-override", WHY_METHOD));

  private static final String X_AUTH_PREFIX = "x-auth-";
  private static final String X_FORWARDED_PREFIX = "x-forwarded-";

  private SsrfGuard() {}

  /**
   * The endpoint as a path relative to the base URL, without the leading '/' ({@code
   * "/accounts/abc/intel/domain"} → {@code "accounts/abc/intel/domain"}).
   */
  public static String relativePath(String arg, String endpoint) {
    if (endpoint == null || endpoint.isEmpty()) {
      throw new ActionArgumentException(arg, "is required");
    }
    if (endpoint.length() > MAX_ENDPOINT_CHARS) {
      throw new ActionArgumentException(
          arg, "is longer than " + MAX_ENDPOINT_CHARS + " characters");
    }
    for (int i = 0; i < endpoint.length(); i++) {
      char c = endpoint.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        throw new ActionArgumentException(arg, "contains a space, line break or control character");
      }
      if (c > 0x7e) {
        throw new ActionArgumentException(arg, "contains a non-ASCII character");
      }
    }
    if (endpoint.indexOf('\\') >= 0) {
      throw new ActionArgumentException(arg, "contains a backslash");
    }
    if (SCHEME.matcher(endpoint).find() || endpoint.contains("://")) {
      throw new ActionArgumentException(
          arg, "must be a path relative to the configured base URL, not an absolute URL");
    }
    if (endpoint.startsWith("//")) {
      throw new ActionArgumentException(arg, "must not start with '//' (that names another host)");
    }
    if (endpoint.indexOf('?') >= 0 || endpoint.indexOf('#') >= 0) {
      throw new ActionArgumentException(
          arg, "must not contain '?' or '#': pass query parameters in query_params");
    }
    if (endpoint.indexOf('%') >= 0) {
      throw new ActionArgumentException(
          arg, "must not contain percent-encoding ('%'): it could hide '..' or '/'");
    }
    if (endpoint.indexOf('@') >= 0) {
      throw new ActionArgumentException(arg, "must not contain '@'");
    }
    String path = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
    if (path.isEmpty()) {
      throw new ActionArgumentException(
          arg, "must name an API path, like /accounts/<id>/intel/domain");
    }
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.isEmpty() && i == segments.length - 1) {
        continue; // one trailing slash is a legitimate path
      }
      if (s.isEmpty()) {
        throw new ActionArgumentException(arg, "must not contain empty segments ('//')");
      }
      if (s.equals(".") || s.equals("..")) {
        throw new ActionArgumentException(arg, "must not contain '.' or '..' segments");
      }
      if (!SEGMENT.matcher(s).matches()) {
        throw new ActionArgumentException(
            arg, "may only contain letters, digits, '.', '_', '~', " + "'-' and '/'");
      }
    }
    return path;
  }

  /** The method, upper-cased, if it is one of {@link #METHODS}. */
  public static String method(String arg, String method) {
    String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(m)) {
      throw new ActionArgumentException(arg, "must be one of " + String.join(", ", METHODS));
    }
    return m;
  }

  /** Caller headers, each name and value checked; refuses the whole call on the first bad one. */
  public static Map<String, String> headers(String arg, Map<String, String> headers) {
    if (headers.size() > MAX_HEADERS) {
      throw new ActionArgumentException(arg, "at most " + MAX_HEADERS + " headers");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey();
      if (name.length() > MAX_NAME_CHARS || !HEADER_NAME.matcher(name).matches()) {
        throw new ActionArgumentException(
            arg, "'" + ActionArgs.printable(name) + "' is not a valid header name");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      String why = DENIED_HEADERS.get(lower);
      if (why == null && lower.startsWith(X_AUTH_PREFIX)) {
        why = WHY_CREDENTIAL;
      } else if (why == null && lower.startsWith(X_FORWARDED_PREFIX)) {
        why = WHY_TARGET;
      }
      if (why != null) {
        throw new ActionArgumentException(
            arg, "'" + name + "' cannot be set by the caller: " + why);
      }
      checkValue(arg, "header '" + name + "'", h.getValue(), true);
      out.put(name, h.getValue());
    }
    return out;
  }

  /** Query parameters; OkHttp encodes them, so only sizes and control characters matter. */
  public static Map<String, String> query(String arg, Map<String, String> query) {
    if (query.size() > MAX_QUERY_PARAMS) {
      throw new ActionArgumentException(arg, "at most " + MAX_QUERY_PARAMS + " parameters");
    }
    for (Map.Entry<String, String> q : query.entrySet()) {
      if (q.getKey().isEmpty() || q.getKey().length() > MAX_NAME_CHARS) {
        throw new ActionArgumentException(
            arg, "parameter names must be 1–" + MAX_NAME_CHARS + " characters");
      }
      checkValue(
          arg, "parameter name '" + ActionArgs.printable(q.getKey()) + "'", q.getKey(), false);
      checkValue(arg, "parameter '" + ActionArgs.printable(q.getKey()) + "'", q.getValue(), false);
    }
    return new LinkedHashMap<>(query);
  }

  /** The request body's size, and that a GET carries none. */
  public static void body(String arg, String method, String jsonOrNull) {
    if (jsonOrNull == null) {
      return;
    }
    if (READ_METHOD.equals(method)) {
      throw new ActionArgumentException(arg, "a GET request cannot carry a body");
    }
    if (jsonOrNull.getBytes(StandardCharsets.UTF_8).length > MAX_REQUEST_BODY_BYTES) {
      throw new ActionArgumentException(arg, "is larger than " + MAX_REQUEST_BODY_BYTES + " bytes");
    }
  }

  private static void checkValue(String arg, String what, String value, boolean asciiOnly) {
    if (value.length() > MAX_VALUE_CHARS) {
      throw new ActionArgumentException(arg, "the value of " + what + " is too long");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || (asciiOnly && c > 0x7e)) {
        throw new ActionArgumentException(
            arg,
            "the value of "
                + what
                + (c > 0x7e
                    ? " contains a non-ASCII character"
                    : " contains a line break or control character"));
      }
    }
  }
}
