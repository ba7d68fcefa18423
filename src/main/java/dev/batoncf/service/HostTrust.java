package dev.batoncf.service;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificate authorities the connection to the Baton host trusts. In production the JVM's
 * standard trust store (so {@code -Djavax.net.ssl.trustStore=...} applies); tests pass their own.
 */
public final class HostTrust {
  private final TrustManager[] managers;

  private HostTrust(TrustManager[] managers) {
    this.managers = managers;
  }

  /** The JVM's default trust store, read now (javax.net.ssl.trustStore, else cacerts). */
  public static HostTrust jvmDefault() {
    return of(null);
  }

  /**
   * @param store trusted certificates, or null for the JVM's default
   */
  public static HostTrust of(KeyStore store) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return new HostTrust(tmf.getTrustManagers());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not load the trust store: " + e.getMessage(), e);
    }
  }

  TrustManager[] managers() {
    return managers.clone();
  }

  /** For the token endpoint's HTTPS client. */
  SSLContext sslContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, managers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not set up TLS: " + e.getMessage(), e);
    }
  }
}
