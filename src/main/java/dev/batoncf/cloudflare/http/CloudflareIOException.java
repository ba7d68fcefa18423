package dev.batoncf.cloudflare.http;

import dev.batoncf.cloudflare.CloudflareException;
import java.io.IOException;
import java.util.Objects;

/**
 * An {@link IOException} that already carries its classified {@link CloudflareException}.
 *
 * <p>OkHttp interceptors may only throw IOExceptions (anything else breaks async calls), so the
 * stack throws this for failures it has already understood: a request refused by the base-URL
 * guard, a credential that cannot be sent, and a transport failure after the last retry (with the
 * attempt count in its message). Retrofit passes it through {@code Call.execute()}; {@link
 * ErrorClassifier#fromIOException} unwraps it.
 */
public final class CloudflareIOException extends IOException {
  private final CloudflareException failure;

  public CloudflareIOException(CloudflareException failure) {
    super(Objects.requireNonNull(failure, "failure").getMessage(), failure.getCause());
    this.failure = failure;
  }

  public CloudflareException failure() {
    return failure;
  }
}
