package dev.batoncf.cloudflare.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Identifies the connector to Cloudflare (and in its audit logs). */
final class UserAgentInterceptor implements Interceptor {
  private final String userAgent;

  UserAgentInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build());
  }
}
