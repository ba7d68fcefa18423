package dev.batoncf.action;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.SlidingWindowRateLimiter;
import dev.batoncf.simulator.Seeds;
import java.time.Duration;

/** The production client stack pointed at a test server on 127.0.0.1 (few, fast retries). */
final class Clients {
  private Clients() {}

  static CloudflareClient demo(String baseUrl) {
    return of(baseUrl, Seeds.DEMO_API_TOKEN);
  }

  static CloudflareClient of(String baseUrl, String token) {
    HttpSettings settings =
        HttpSettings.defaults(baseUrl, new Credentials.ApiToken(Secret.of(token)))
            .withRetry(Duration.ofSeconds(2), 2);
    return new CloudflareClient(
        settings,
        Seeds.DEMO_ACCOUNT_ID,
        SlidingWindowRateLimiter.forSettings(settings),
        HttpEvents.none());
  }
}
