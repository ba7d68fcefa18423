package dev.batoncf.service;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.Executor;

/**
 * Puts {@code authorization: <type> <token>} on every BatonService call, and only on a channel with
 * privacy and integrity (TLS), as Baton's credential provider insists.
 */
final class TokenCallCredentials extends CallCredentials {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final TokenSource tokens;

  TokenCallCredentials(TokenSource tokens) {
    this.tokens = tokens;
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo info, Executor appExecutor, MetadataApplier applier) {
    if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
      applier.fail(
          Status.UNAUTHENTICATED.withDescription(
              "refusing to send credentials over a connection without TLS"));
      return;
    }
    // The token request may block on HTTP: never on the transport's thread.
    appExecutor.execute(
        () -> {
          try {
            Metadata md = new Metadata();
            md.put(AUTHORIZATION, tokens.token().header());
            applier.apply(md);
          } catch (StatusRuntimeException e) {
            applier.fail(e.getStatus());
          } catch (RuntimeException e) {
            applier.fail(
                Status.UNAVAILABLE.withDescription(
                    "could not get an access token: " + e.getClass().getSimpleName()));
          }
        });
  }
}
