package dev.batoncf.service;

import dev.batoncf.server.TestCerts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The test PKI of the fake Baton host: a CA made at test time ({@link TestCerts}), a server
 * certificate for 127.0.0.1, and the CA as a trust store (object and PKCS#12 file). Made once per
 * test JVM: keytool is slow.
 */
final class ServicePki {
  static final String STORE_PASSWORD = "changeit";

  final TestCerts certs;
  final Path trustStoreFile;

  private ServicePki(TestCerts certs, Path trustStoreFile) {
    this.certs = certs;
    this.trustStoreFile = trustStoreFile;
  }

  /** Built on first use; the holder class makes that once and thread-safe. */
  static ServicePki get() {
    return Holder.PKI;
  }

  private static final class Holder {
    static final ServicePki PKI = create();
  }

  private static ServicePki create() {
    try {
      Path dir = Files.createTempDirectory("baton-service-pki");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      TestCerts certs = TestCerts.create(dir);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("test-ca", cert(certs.caPem));
      Path file = dir.resolve("truststore.p12");
      try (OutputStream out = Files.newOutputStream(file)) {
        trust.store(out, STORE_PASSWORD.toCharArray());
      }
      return new ServicePki(certs, file);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not make the test PKI", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Trusts the test CA only. */
  HostTrust trust() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(trustStoreFile)) {
        ks.load(in, STORE_PASSWORD.toCharArray());
      }
      return HostTrust.of(ks);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** TLS for the HTTPS token endpoint, with the 127.0.0.1 server certificate. */
  SSLContext serverContext() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "server",
          privateKey(certs.serverKey),
          STORE_PASSWORD.toCharArray(),
          new Certificate[] {cert(certs.serverCert), cert(certs.caPem)});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, STORE_PASSWORD.toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Certificate cert(Path pem) throws IOException, GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String b64 =
        Files.readString(pem, StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // temp files; the OS cleans them eventually
    }
  }
}
