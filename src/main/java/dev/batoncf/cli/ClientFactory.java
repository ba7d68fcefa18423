package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.RateBudget;
import dev.batoncf.cloudflare.http.RateLimiter;
import dev.batoncf.cloudflare.http.SlidingWindowRateLimiter;
import dev.batoncf.config.Settings;

/** Builds the Cloudflare client from validated settings: the one place the wiring happens. */
final class ClientFactory {
  static final String USER_AGENT = "baton-cloudflare/" + Version.VERSION;

  private ClientFactory() {}

  static HttpSettings httpSettings(Settings s) {
    return HttpSettings.defaults(s.baseUrl(), s.credentials())
        .withRetry(s.retryDeadline(), HttpSettings.DEFAULT_MAX_ATTEMPTS)
        .withRateLimits(new RateBudget(s.rateLimitRequests(), s.rateLimitWindow()),
            HttpSettings.DEFAULT_PER_SECOND_CAP)
        .withUserAgent(USER_AGENT);
  }

  static CloudflareClient client(Settings s, HttpEvents events) {
    HttpSettings hs = httpSettings(s);
    RateLimiter limiter = SlidingWindowRateLimiter.forSettings(hs);
    return new CloudflareClient(hs, s.accountId(), limiter, events);
  }
}
