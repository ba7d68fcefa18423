package dev.batoncf.cloudflare.http;

import dev.batoncf.cloudflare.CloudflareException;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * First interceptor: refuses any request whose scheme, host or port differ from the configured base
 * URL, or whose path is not under the base path, before anything adds credentials. It throws a
 * {@link CloudflareIOException} carrying {@link CloudflareException.Transport}, so the request
 * never leaves the process and the caller sees a typed error.
 *
 * <p>Only application-level requests pass here; that is enough because the client does not follow
 * redirects (see {@link CloudflareHttp}), so OkHttp never sends a request on its own. OkHttp
 * canonicalises paths ("..", "%2e%2e") before this check.
 */
final class BaseUrlGuard implements Interceptor {
  private final HttpUrl base;
  private final String basePath; // always ends with "/"

  BaseUrlGuard(HttpUrl base) {
    this.base = base;
    String path = base.encodedPath();
    this.basePath = path.endsWith("/") ? path : path + "/";
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!allows(request.url())) {
      throw new CloudflareIOException(
          new CloudflareException.Transport(
              ErrorClassifier.endpointOf(request),
              "refused to send a request to "
                  + HttpSettings.show(request.url())
                  + ": credentials only go to the configured base URL "
                  + HttpSettings.show(base),
              null));
    }
    return chain.proceed(request);
  }

  boolean allows(HttpUrl url) {
    if (!url.scheme().equals(base.scheme())
        || !url.host().equals(base.host())
        || url.port() != base.port()) {
      return false;
    }
    String path = url.encodedPath();
    // "/client/v4" itself or anything below "/client/v4/", but not "/client/v40".
    return path.startsWith(basePath) || (path + "/").equals(basePath);
  }
}
