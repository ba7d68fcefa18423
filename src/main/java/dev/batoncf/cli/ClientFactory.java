package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.RateBudget;
import dev.batoncf.cloudflare.http.RateLimiters;
import dev.batoncf.config.Settings;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.connector.ScimGroups;

/** Builds the Cloudflare client from validated settings: the one place the wiring happens. */
final class ClientFactory {
  static final String USER_AGENT = "baton-cloudflare/" + Version.VERSION;

  private ClientFactory() {}

  static HttpSettings httpSettings(Settings s) {
    return HttpSettings.defaults(s.baseUrl(), s.credentials())
        .withRetry(s.retryDeadline(), HttpSettings.DEFAULT_MAX_ATTEMPTS)
        .withRateLimitLockout(s.rateLimitLockout())
        .withRateLimits(
            new RateBudget(s.rateLimitRequests(), s.rateLimitWindow()),
            HttpSettings.DEFAULT_PER_SECOND_CAP)
        .withUserAgent(USER_AGENT);
  }

  /** What to sync, from the settings (Zero Trust on or off, the SCIM-owned user groups). */
  static ConnectorOptions connectorOptions(Settings s) {
    return new ConnectorOptions(s.zeroTrust(), new ScimGroups(s.scimGroups()));
  }

  /**
   * A client whose limiter is the process's shared one for this credential and base URL (see {@link
   * CliContext#rateLimiters()}); never a limiter of its own.
   */
  static CloudflareClient client(RateLimiters limiters, Settings s, HttpEvents events) {
    HttpSettings hs = httpSettings(s);
    return new CloudflareClient(hs, s.accountId(), limiters.forSettings(hs), events);
  }
}
