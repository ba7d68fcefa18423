package dev.batoncf.simulator;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Fault knobs of one simulator, fluent and thread-safe. Nothing is on by default.
 *
 * <pre>{@code
 * sim.faults().latency(Duration.ofMillis(5));                  // every request
 * sim.faults().next(2).matching("GET", "/members").rateLimited(30);
 * sim.faults().next(1).serverError(503);                        // any request
 * sim.faults().next(1).matching(null, "/access/groups/").malformed();
 * sim.faults().next(1).status(409, 12345, "conflict");
 * sim.faults().next(1).disconnect();                            // close without answering
 * sim.faults().next(1).slow(Duration.ofSeconds(3));             // answer normally, late
 * sim.faults().next(1).rateLimitedWithoutHeaders();             // 429 naming no wait
 * sim.faults().next(1).notJson();  next(1).invalidJson();       // HTML body / broken JSON
 * sim.faults().next(1).matching("GET", "/members").onPage(2)
 *     .rewrite(env -> { env.add("result", new JsonArray()); return env; });
 * sim.faults().next(Integer.MAX_VALUE).matching("GET", "/members").ignorePage(); // forever
 * sim.faults().rateLimitHeaders(false);                         // no retry-after, no Ratelimit
 * sim.faults().budget(1200, Duration.ofMinutes(5));             // Cloudflare's real limit
 * sim.faults().hooks().afterNext("GET", "/access/groups/", () -> edit());
 * sim.faults().reset();
 * }</pre>
 *
 * <p>Scripted faults ({@link #next}) are consumed in registration order by the first requests that
 * match; they are answered before auth, like Cloudflare's edge, and do not count against the
 * budget. {@code matching(method, pathRegexOrContains)}: method null or "*" matches any; the path
 * (below /client/v4, without query) matches if it contains the string or the regex finds in it.
 *
 * <p>Budget: a sliding window of N admitted requests (every request that reaches auth counts,
 * including ones then refused with 401/403/404, as Cloudflare counts them). Request N+1 inside the
 * window gets HTTP 429 (code 971, {@code retry-after} = whole seconds until the oldest request
 * leaves the window, rounded up) and starts a lockout during which every call gets 429, as
 * Cloudflare blocks all calls once the limit is passed. The lockout lasts until a slot frees, or
 * for the explicit lockout of {@link #budget(int, Duration, Duration)} (Cloudflare: 5 minutes) if
 * that is longer.
 *
 * <p>Headers: every normal answer carries {@code Ratelimit: "default";r=<left>;t=<secs>} and {@code
 * Ratelimit-Policy: "default";q=<quota>;w=<window secs>}. Without a budget they count against
 * Cloudflare's default 1200 per 300 s but nothing is enforced; a benchmark that goes beyond that
 * should set a large explicit budget so the headers stay truthful.
 */
public final class Faults {
  static final int DEFAULT_QUOTA = 1200;
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  enum Kind {
    RATE_LIMITED,
    RATE_LIMITED_BARE,
    STATUS,
    MALFORMED,
    NOT_JSON,
    INVALID_JSON,
    DISCONNECT,
    SLOW,
    REWRITE,
    IGNORE_PAGE
  }

  private record Scripted(
      String method,
      String pattern,
      Pattern regex,
      String page,
      Kind kind,
      int status,
      int code,
      String message,
      int retryAfter,
      Duration delay,
      UnaryOperator<JsonObject> rewrite,
      int[] remaining) {
    boolean matches(String m, String path, Map<String, String> query) {
      boolean methodOk = method == null || method.equals("*") || method.equalsIgnoreCase(m);
      boolean pathOk =
          pattern == null
              || path.contains(pattern)
              || (regex != null && regex.matcher(path).find());
      boolean pageOk = page == null || page.equals(query.getOrDefault("page", "1"));
      return methodOk && pathOk && pageOk;
    }
  }

  private record Budget(int requests, long windowNanos, long lockoutNanos) {}

  /**
   * What to do with one request: a canned response, a disconnect, or pass (response null), in which
   * case the handler's answer may still be rewritten or the request's page ignored.
   */
  record Outcome(
      SimResponse response,
      boolean disconnect,
      Duration extraDelay,
      Map<String, String> headers,
      UnaryOperator<JsonObject> rewrite,
      boolean ignorePage) {
    Outcome(
        SimResponse response,
        boolean disconnect,
        Duration extraDelay,
        Map<String, String> headers) {
      this(response, disconnect, extraDelay, headers, null, false);
    }
  }

  private final List<Scripted> scripted = new ArrayList<>();
  private final ArrayDeque<Long> admitted = new ArrayDeque<>();
  private final FaultHooks hooks = new FaultHooks();
  private Duration latency = Duration.ZERO;
  private Budget budget;
  private boolean locked;
  private long lockedUntil;
  private boolean rateLimitHeaders = true;

  /** Sleep this long before answering every request. */
  public synchronized Faults latency(Duration d) {
    this.latency = d == null ? Duration.ZERO : d;
    return this;
  }

  public synchronized Duration latency() {
    return latency;
  }

  /** Script the next {@code n} matching requests; finish with one of the {@link Next} verbs. */
  public Next next(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    return new Next(n);
  }

  /** Emulate Cloudflare's limit: {@code requests} per sliding {@code window}. */
  public Faults budget(int requests, Duration window) {
    return budget(requests, window, Duration.ZERO);
  }

  /** As {@link #budget(int, Duration)}, with a minimum lockout once the limit is passed. */
  public synchronized Faults budget(int requests, Duration window, Duration lockout) {
    if (requests < 1 || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("budget needs requests >= 1 and a positive window");
    }
    this.budget = new Budget(requests, window.toNanos(), lockout.toNanos());
    this.admitted.clear();
    this.locked = false;
    return this;
  }

  /**
   * Whether answers carry {@code retry-after} and {@code Ratelimit} headers (default true). Off, a
   * 429 names no wait, as Cloudflare's documented 5-minute block may not: the client has to know
   * the lockout itself.
   */
  public synchronized Faults rateLimitHeaders(boolean on) {
    this.rateLimitHeaders = on;
    return this;
  }

  public synchronized Faults noBudget() {
    this.budget = null;
    this.locked = false;
    return this;
  }

  public FaultHooks hooks() {
    return hooks;
  }

  /** Scripted faults not yet consumed (sum of remaining counts). */
  public synchronized int pending() {
    int n = 0;
    for (Scripted s : scripted) {
      n += s.remaining()[0];
    }
    return n;
  }

  /** Latency, scripted faults, budget, window and hooks all back to off. */
  public synchronized Faults reset() {
    latency = Duration.ZERO;
    scripted.clear();
    budget = null;
    admitted.clear();
    locked = false;
    rateLimitHeaders = true;
    hooks.clear();
    return this;
  }

  private synchronized Faults add(Scripted s) {
    scripted.add(s);
    return this;
  }

  /** Decide the fate of one request; admitted requests are counted in the window. */
  synchronized Outcome admit(String method, String path, Map<String, String> query) {
    for (Iterator<Scripted> it = scripted.iterator(); it.hasNext(); ) {
      Scripted s = it.next();
      if (s.remaining()[0] > 0 && s.matches(method, path, query)) {
        if (--s.remaining()[0] == 0) {
          it.remove();
        }
        Outcome o = scriptedOutcome(s);
        if (o != null) {
          return o;
        }
        Outcome passed = pass(s.delay());
        return new Outcome(
            passed.response(),
            false,
            passed.extraDelay(),
            passed.headers(),
            s.rewrite(),
            s.kind() == Kind.IGNORE_PAGE);
      }
    }
    return pass(Duration.ZERO);
  }

  private Outcome scriptedOutcome(Scripted s) {
    return switch (s.kind()) {
      case RATE_LIMITED -> rateLimited(s.retryAfter());
      case RATE_LIMITED_BARE ->
          new Outcome(
              SimResponse.error(429, Wire.CODE_RATE_LIMITED, Wire.MSG_RATE_LIMITED),
              false,
              Duration.ZERO,
              Map.of());
      case STATUS ->
          new Outcome(
              SimResponse.error(s.status(), s.code(), s.message()), false, Duration.ZERO, Map.of());
      case MALFORMED ->
          new Outcome(
              SimResponse.raw(
                  200,
                  "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"5b1d"),
              false,
              Duration.ZERO,
              Map.of());
      case NOT_JSON ->
          new Outcome(
              SimResponse.raw(
                  200, "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"),
              false,
              Duration.ZERO,
              Map.of());
      case INVALID_JSON ->
          new Outcome(
              SimResponse.raw(
                  200,
                  "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"x\"}]]}"),
              false,
              Duration.ZERO,
              Map.of());
      case DISCONNECT -> new Outcome(null, true, Duration.ZERO, Map.of());
      case SLOW, REWRITE, IGNORE_PAGE -> null;
    };
  }

  private Outcome pass(Duration extraDelay) {
    long now = System.nanoTime();
    long window = budget == null ? DEFAULT_WINDOW.toNanos() : budget.windowNanos();
    int quota = budget == null ? DEFAULT_QUOTA : budget.requests();
    while (!admitted.isEmpty() && now - admitted.peekFirst() >= window) {
      admitted.pollFirst();
    }
    if (budget != null) {
      if (locked && now - lockedUntil < 0) {
        return rateLimited(ceilSeconds(lockedUntil - now));
      }
      locked = false;
      if (admitted.size() >= quota) {
        long freeAt = admitted.peekFirst() + window;
        locked = true;
        lockedUntil = Math.max(freeAt, now + budget.lockoutNanos());
        return rateLimited(ceilSeconds(lockedUntil - now));
      }
    }
    admitted.addLast(now);
    if (!rateLimitHeaders) {
      return new Outcome(null, false, extraDelay, Map.of());
    }
    long resetNanos = admitted.peekFirst() + window - now;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        Wire.H_RATELIMIT,
        "\"default\";r=" + Math.max(0, quota - admitted.size()) + ";t=" + ceilSeconds(resetNanos));
    headers.put(
        Wire.H_RATELIMIT_POLICY,
        "\"default\";q=" + quota + ";w=" + Duration.ofNanos(window).toSeconds());
    return new Outcome(null, false, extraDelay, headers);
  }

  private Outcome rateLimited(int retryAfter) {
    if (!rateLimitHeaders) {
      return new Outcome(
          SimResponse.error(429, Wire.CODE_RATE_LIMITED, Wire.MSG_RATE_LIMITED),
          false,
          Duration.ZERO,
          Map.of());
    }
    int quota = budget == null ? DEFAULT_QUOTA : budget.requests();
    long window =
        budget == null
            ? DEFAULT_WINDOW.toSeconds()
            : Duration.ofNanos(budget.windowNanos()).toSeconds();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(Wire.H_RETRY_AFTER, Integer.toString(retryAfter));
    headers.put(Wire.H_RATELIMIT, "\"default\";r=0;t=" + retryAfter);
    headers.put(Wire.H_RATELIMIT_POLICY, "\"default\";q=" + quota + ";w=" + window);
    return new Outcome(
        SimResponse.error(429, Wire.CODE_RATE_LIMITED, Wire.MSG_RATE_LIMITED, headers),
        false,
        Duration.ZERO,
        headers);
  }

  private static int ceilSeconds(long nanos) {
    return (int) Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  /** Builder returned by {@link #next(int)}; a verb registers the fault and returns the knobs. */
  public final class Next {
    private final int n;
    private String method;
    private String pattern;
    private Pattern regex;
    private String page;

    private Next(int n) {
      this.n = n;
    }

    /**
     * Only requests with this method (null or "*" = any) whose path contains or regex-finds this.
     */
    public Next matching(String method, String pathRegexOrContains) {
      this.method = method;
      this.pattern = pathRegexOrContains;
      try {
        this.regex = pathRegexOrContains == null ? null : Pattern.compile(pathRegexOrContains);
      } catch (PatternSyntaxException e) {
        this.regex = null; // plain substring then
      }
      return this;
    }

    /** Only requests for this page ({@code page} query parameter; absent counts as 1). */
    public Next onPage(int pageNumber) {
      this.page = Integer.toString(pageNumber);
      return this;
    }

    /** HTTP 429, {@code retry-after}, code 971, {@code Ratelimit: "default";r=0;t=<secs>}. */
    public Faults rateLimited(int retryAfterSeconds) {
      return add(
          Kind.RATE_LIMITED,
          429,
          Wire.CODE_RATE_LIMITED,
          Wire.MSG_RATE_LIMITED,
          retryAfterSeconds,
          Duration.ZERO);
    }

    /** HTTP 429 code 971 naming no wait: no {@code retry-after}, no {@code Ratelimit}. */
    public Faults rateLimitedWithoutHeaders() {
      return add(
          Kind.RATE_LIMITED_BARE,
          429,
          Wire.CODE_RATE_LIMITED,
          Wire.MSG_RATE_LIMITED,
          0,
          Duration.ZERO);
    }

    /** A 5xx with a failure envelope (code {@link Wire#CODE_SERVER_ERROR}). */
    public Faults serverError(int status) {
      if (status < 500 || status > 599) {
        throw new IllegalArgumentException("serverError needs a 5xx status");
      }
      return add(
          Kind.STATUS, status, Wire.CODE_SERVER_ERROR, "Internal server error", 0, Duration.ZERO);
    }

    /** HTTP 200 whose body is truncated JSON. */
    public Faults malformed() {
      return add(Kind.MALFORMED, 200, 0, null, 0, Duration.ZERO);
    }

    /** HTTP 200 whose body is an HTML page (a proxy's), not JSON at all. */
    public Faults notJson() {
      return add(Kind.NOT_JSON, 200, 0, null, 0, Duration.ZERO);
    }

    /** HTTP 200 whose body is complete but invalid JSON (unbalanced brackets). */
    public Faults invalidJson() {
      return add(Kind.INVALID_JSON, 200, 0, null, 0, Duration.ZERO);
    }

    /**
     * Serve normally, then pass the answer's JSON envelope through {@code edit} (which may change
     * it in place and return it, or return another): lying {@code result_info}, null fields,
     * unknown enum values.
     */
    public Faults rewrite(UnaryOperator<JsonObject> edit) {
      return Faults.this.add(
          new Scripted(
              method,
              pattern,
              regex,
              page,
              Kind.REWRITE,
              0,
              0,
              null,
              0,
              Duration.ZERO,
              edit,
              new int[] {n}));
    }

    /** Serve as if {@code page} were absent (page 1), as a proxy stripping the query would. */
    public Faults ignorePage() {
      return add(Kind.IGNORE_PAGE, 0, 0, null, 0, Duration.ZERO);
    }

    /** Any status with a failure envelope carrying this code and message. */
    public Faults status(int httpStatus, int errorCode, String message) {
      return add(Kind.STATUS, httpStatus, errorCode, message, 0, Duration.ZERO);
    }

    /**
     * Close the connection without answering (a transport error for the client). Note: HTTP clients
     * (JDK, OkHttp) silently retry an idempotent request once after such a drop, so use {@code
     * next(2)} to make a GET fail.
     */
    public Faults disconnect() {
      return add(Kind.DISCONNECT, 0, 0, null, 0, Duration.ZERO);
    }

    /** Serve normally but only after this extra delay (client timeout tests). */
    public Faults slow(Duration delay) {
      return add(Kind.SLOW, 0, 0, null, 0, delay);
    }

    private Faults add(
        Kind kind, int status, int code, String message, int retryAfter, Duration delay) {
      return Faults.this.add(
          new Scripted(
              method,
              pattern,
              regex,
              page,
              kind,
              status,
              code,
              message,
              retryAfter,
              delay,
              null,
              new int[] {n}));
    }
  }
}
