package dev.batoncf.server;

import java.nio.file.Path;

/**
 * PEM files for TLS. All null means plaintext.
 *
 * @param certChain the server certificate (chain)
 * @param privateKey its PKCS#8 private key
 * @param clientCa when set, clients must present a certificate signed by it (mutual TLS)
 */
public record TlsFiles(Path certChain, Path privateKey, Path clientCa) {
  public static final TlsFiles NONE = new TlsFiles(null, null, null);

  public boolean enabled() {
    return certChain != null || privateKey != null;
  }

  public boolean mutual() {
    return clientCa != null;
  }
}
