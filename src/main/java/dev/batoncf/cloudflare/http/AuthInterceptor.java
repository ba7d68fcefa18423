package dev.batoncf.cloudflare.http;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts exactly one of Cloudflare's auth schemes on each request, after removing any auth header
 * already there (so a caller can never send two schemes or a stale credential). This is the only
 * place in the product that calls {@code Secret.reveal()}.
 */
final class AuthInterceptor implements Interceptor {
  static final String AUTHORIZATION = "Authorization";
  static final String X_AUTH_EMAIL = "X-Auth-Email";
  static final String X_AUTH_KEY = "X-Auth-Key";
  static final String X_AUTH_USER_SERVICE_KEY = "X-Auth-User-Service-Key";
  private static final List<String> AUTH_HEADERS =
      List.of(AUTHORIZATION, X_AUTH_EMAIL, X_AUTH_KEY, X_AUTH_USER_SERVICE_KEY);

  private final Credentials credentials;

  AuthInterceptor(Credentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Request.Builder b = request.newBuilder();
    AUTH_HEADERS.forEach(b::removeHeader);
    String endpoint = ErrorClassifier.endpointOf(request);
    if (credentials instanceof Credentials.ApiToken t) {
      b.header(AUTHORIZATION, "Bearer " + headerSafe(t.token().reveal(), "API token", endpoint));
    } else if (credentials instanceof Credentials.GlobalApiKey k) {
      b.header(X_AUTH_EMAIL, headerSafe(k.email(), "email", endpoint));
      b.header(X_AUTH_KEY, headerSafe(k.key().reveal(), "API key", endpoint));
    } else {
      throw new IllegalStateException("unknown credentials type " + credentials.getClass());
    }
    return chain.proceed(b.build());
  }

  /**
   * Refuses values OkHttp would reject: its error message would quote the value for headers it does
   * not know to be sensitive (X-Auth-Key among them). Tokens, keys and emails are visible ASCII
   * without spaces; a trailing newline from a file is the usual culprit.
   */
  private static String headerSafe(String value, String what, String endpoint)
      throws CloudflareIOException {
    boolean ok = !value.isEmpty();
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = c > 0x20 && c < 0x7f;
    }
    if (!ok) {
      throw new CloudflareIOException(
          new CloudflareException.Transport(
              endpoint,
              "request not sent: the "
                  + what
                  + " is empty or contains spaces, line breaks or "
                  + "non-ASCII characters (check for a trailing newline)",
              null));
    }
    return value;
  }
}
