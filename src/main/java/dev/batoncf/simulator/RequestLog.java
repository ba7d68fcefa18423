package dev.batoncf.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every request the simulator received, in arrival order, with its path template so tests can count
 * calls per endpoint ({@code count("GET", Paths.MEMBERS)}). A request is recorded before its answer
 * is written, so it is visible as soon as the client has the response.
 *
 * <p>Credentials are redacted on the way in: {@code Authorization} keeps only its scheme ({@code
 * "Bearer ****"}, or {@code "Bearer "} when the token was empty) and {@code X-Auth-Key} becomes
 * {@code "****"} (or empty), so the log shows which headers arrived but never a secret. Counts are
 * exact; the detailed list keeps the latest {@value #MAX_KEPT} requests.
 */
public final class RequestLog {
  static final int MAX_KEPT = 20_000;

  /**
   * One request.
   *
   * @param path path below /client/v4, without query
   * @param template the matched route template (e.g. {@code /accounts/{account_id}/members}), or
   *     the path itself when no route matched
   * @param query decoded query parameters (first value of each)
   * @param headers lower-case names, credentials redacted
   * @param status HTTP status answered; 0 when the connection was dropped on purpose
   */
  public record Recorded(
      Instant at,
      String method,
      String path,
      String template,
      Map<String, String> query,
      Map<String, List<String>> headers,
      String body,
      int status) {

    /** "GET /accounts/{account_id}/members". */
    public String endpoint() {
      return method + " " + template;
    }

    public boolean hasHeader(String name) {
      return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** First value of a header (redacted if a credential), or null. */
    public String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  private final ArrayDeque<Recorded> kept = new ArrayDeque<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private int total;

  synchronized void add(Recorded r) {
    if (kept.size() == MAX_KEPT) {
      kept.pollFirst();
    }
    kept.addLast(r);
    counts.merge(r.endpoint(), 1, Integer::sum);
    total++;
  }

  /** Requests with this method and path template. */
  public synchronized int count(String method, String pathTemplate) {
    return counts.getOrDefault(method + " " + pathTemplate, 0);
  }

  public synchronized int total() {
    return total;
  }

  public synchronized List<Recorded> all() {
    return List.copyOf(kept);
  }

  /** Kept requests with this method and template, oldest first. */
  public synchronized List<Recorded> matching(String method, String pathTemplate) {
    List<Recorded> out = new ArrayList<>();
    for (Recorded r : kept) {
      if (r.method().equals(method) && r.template().equals(pathTemplate)) {
        out.add(r);
      }
    }
    return out;
  }

  public synchronized Optional<Recorded> last() {
    return Optional.ofNullable(kept.peekLast());
  }

  /** "METHOD template" → count, sorted by key. */
  public synchronized Map<String, Integer> countsByEndpoint() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  public synchronized void reset() {
    kept.clear();
    counts.clear();
    total = 0;
  }

  /** Copy of the headers with credential values masked. */
  static Map<String, List<String>> redact(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          List<String> v = new ArrayList<>(values.size());
          for (String value : values) {
            v.add(redactValue(name, value));
          }
          out.put(name, List.copyOf(v));
        });
    return Collections.unmodifiableMap(out);
  }

  private static String redactValue(String name, String value) {
    if (name.equals(Wire.H_AUTHORIZATION)) {
      String v = value.trim(); // servers may trim "Bearer " to "Bearer": still an empty token
      int sp = v.indexOf(' ');
      if (sp < 0) {
        return v.equalsIgnoreCase("bearer") ? v + " " : "****";
      }
      return v.substring(0, sp) + (v.substring(sp + 1).isBlank() ? " " : " ****");
    }
    if (name.equals(Wire.H_AUTH_KEY)) {
      return value.isEmpty() ? "" : "****";
    }
    return value;
  }
}
