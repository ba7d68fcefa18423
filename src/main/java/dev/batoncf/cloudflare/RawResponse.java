package dev.batoncf.cloudflare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SecurityClient#rawCall} got back, safe to hand to the caller: credential-bearing
 * headers removed and the configured secret masked wherever it appeared.
 *
 * @param headers lower-case names, in arrival order
 * @param body the body decoded as text, at most the cap's worth of bytes
 * @param truncated whether the body was longer than the cap and was cut
 */
public record RawResponse(
    int statusCode, Map<String, List<String>> headers, String body, boolean truncated) {

  public RawResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
