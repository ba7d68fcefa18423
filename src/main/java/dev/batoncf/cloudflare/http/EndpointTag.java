package dev.batoncf.cloudflare.http;

import java.util.Objects;

/**
 * A fixed endpoint key for a request that did not come from Retrofit (so has no path template), set
 * with {@code Request.Builder.tag(EndpointTag.class, …)}. Without it the key would be the request's
 * own path, and caller-chosen paths would grow the per-endpoint metrics without bound.
 */
public record EndpointTag(String endpoint) {
  public EndpointTag {
    Objects.requireNonNull(endpoint, "endpoint");
  }
}
