package dev.batoncf.cloudflare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One caller-defined request for {@link SecurityClient#rawCall}. The caller (the custom API call
 * action) has already validated every part; the client still never lets it leave the base URL.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param relativePath relative to the configured base URL, no leading slash ({@code
 *     accounts/<id>/intel/domain})
 * @param query parameters, encoded by OkHttp
 * @param headers extra headers; credentials, Host, cookies and hop-by-hop headers are dropped
 * @param jsonBody the body sent as application/json, or null for none
 */
public record RawRequest(
    String method,
    String relativePath,
    Map<String, String> query,
    Map<String, String> headers,
    String jsonBody) {

  public RawRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(relativePath, "relativePath");
    query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
