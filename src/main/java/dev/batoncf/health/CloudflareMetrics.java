package dev.batoncf.health;

import dev.batoncf.cloudflare.http.RequestMetrics;
import java.util.Map;

/** The Cloudflare client's counters as Prometheus families; any mode with a client can use it. */
public final class CloudflareMetrics {
  private CloudflareMetrics() {}

  public static void write(PrometheusText out, RequestMetrics m) {
    out.family(
        "baton_cloudflare_api_requests_total",
        "counter",
        "HTTP requests sent to Cloudflare, retries included, by endpoint template.");
    m.attemptsByEndpoint()
        .forEach(
            (endpoint, n) ->
                out.sample("baton_cloudflare_api_requests_total", Map.of("endpoint", endpoint), n));
    out.family(
        "baton_cloudflare_api_rate_limited_total",
        "counter",
        "Cloudflare responses with HTTP 429.");
    out.sample("baton_cloudflare_api_rate_limited_total", m.rateLimitedResponses());
    out.family(
        "baton_cloudflare_api_retries_total",
        "counter",
        "Cloudflare requests retried (429, 5xx, network errors).");
    out.sample("baton_cloudflare_api_retries_total", m.retries());
  }
}
