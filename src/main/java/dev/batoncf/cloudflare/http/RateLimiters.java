package dev.batoncf.cloudflare.http;

import dev.batoncf.cloudflare.Credentials;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's limiters, one per credential and base URL: Cloudflare counts (and blocks) per
 * token, so every client the process builds for the same credential must share one budget and one
 * lockout. Created once at the top (the CLI's context) and handed to whatever builds clients (CLI
 * commands, the server, service-mode tasks running in parallel, the daemon); never a static.
 *
 * <p>The first client for a key decides the budget. A later client asking for another budget on the
 * same credential still shares the first limiter (two budgets for one token would together exceed
 * it); that is logged once per key.
 */
public final class RateLimiters {
  private static final Logger log = LoggerFactory.getLogger(RateLimiters.class);

  /** Equality of {@link Credentials} compares the secret in constant time; it is never hashed. */
  private record Key(String baseUrl, Credentials credentials) {}

  private record Entry(RateLimiter limiter, RateBudget budget, int perSecondCap) {}

  private final Map<Key, Entry> limiters = new ConcurrentHashMap<>();
  private final Function<HttpSettings, RateLimiter> factory;

  /** Real-time sliding-window limiters with each first client's budget. */
  public RateLimiters() {
    this(SlidingWindowRateLimiter::forSettings);
  }

  /** With another way to build a limiter (tests: a fake clock). */
  public RateLimiters(Function<HttpSettings, RateLimiter> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The limiter every client with this credential and base URL shares. */
  public RateLimiter forSettings(HttpSettings settings) {
    Key key = new Key(settings.httpUrl().toString(), settings.credentials());
    boolean[] created = {false};
    Entry e =
        limiters.computeIfAbsent(
            key,
            k -> {
              created[0] = true;
              return new Entry(factory.apply(settings), settings.budget(), settings.perSecondCap());
            });
    if (!created[0]
        && (!e.budget().equals(settings.budget()) || e.perSecondCap() != settings.perSecondCap())) {
      log.warn(
          "a client asked for a rate budget of {} (and {}/s) for {} at {}, but that "
              + "credential already shares a limiter of {} (and {}/s); keeping the first",
          settings.budget(),
          settings.perSecondCap(),
          settings.credentials().describe(),
          key.baseUrl(),
          e.budget(),
          e.perSecondCap());
    }
    return e.limiter();
  }

  /** How many distinct credentials/base URLs have a limiter. */
  public int size() {
    return limiters.size();
  }

  @Override
  public String toString() {
    return "RateLimiters[" + limiters.size() + " credentials]";
  }
}
