package dev.batoncf.server;

import dev.batoncf.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of {@link TlsFiles} at startup and refuses what the first client would
 * otherwise discover: a file without a certificate or key, a key that is not the certificate's
 * (proved by signing with the key and verifying with the certificate), an expired certificate.
 */
final class TlsCheck {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

  private TlsCheck() {}

  static void verify(TlsFiles tls) {
    if (!tls.enabled()) {
      return;
    }
    List<X509Certificate> chain = certificates(tls.certChain(), "--tls-cert");
    PrivateKey key = privateKey(tls.privateKey());
    X509Certificate leaf = chain.get(0);
    if (!matches(key, leaf.getPublicKey())) {
      throw new ConfigException(
          "--tls-key "
              + tls.privateKey()
              + " is not the private key of "
              + "the certificate in --tls-cert "
              + tls.certChain());
    }
    if (leaf.getNotAfter().toInstant().isBefore(Instant.now())) {
      throw new ConfigException(
          "--tls-cert "
              + tls.certChain()
              + " expired on "
              + leaf.getNotAfter().toInstant()
              + "; renew it");
    }
    if (tls.clientCa() != null) {
      certificates(tls.clientCa(), "--tls-client-ca");
    }
  }

  private static List<X509Certificate> certificates(Path file, String flag) {
    List<X509Certificate> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (var c : cf.generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
    } catch (CertificateException | IOException | RuntimeException e) {
      out.clear();
    }
    if (out.isEmpty()) {
      throw new ConfigException(flag + " " + file + " holds no PEM certificate");
    }
    return out;
  }

  private static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      pem = "";
    }
    Matcher m = PRIVATE_KEY.matcher(pem);
    if (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      for (String alg : KEY_ALGORITHMS) {
        try {
          return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException notThisOne) {
          // try the next algorithm
        }
      }
    }
    throw new ConfigException(
        "--tls-key "
            + file
            + " holds no PEM private key (PKCS#8 \"BEGIN "
            + "PRIVATE KEY\"; convert others with openssl pkcs8 -topk8 -nocrypt)");
  }

  private static Signature signature(String alg) throws GeneralSecurityException {
    Signature s = Signature.getInstance(alg);
    if (alg.equals("RSASSA-PSS")) {
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    }
    return s;
  }

  /** Signs a random challenge with the key and verifies it with the certificate's public key. */
  private static boolean matches(PrivateKey key, PublicKey certKey) {
    if (!key.getAlgorithm().equals(certKey.getAlgorithm())
        && !(key.getAlgorithm().startsWith("Ed") && certKey.getAlgorithm().startsWith("Ed"))) {
      return false;
    }
    String alg =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "RSASSA-PSS" -> "RSASSA-PSS";
          default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign with their own name
        };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = signature(alg);
      signer.initSign(key);
      signer.update(challenge);
      byte[] sig = signer.sign();
      Signature verifier = signature(alg);
      verifier.initVerify(certKey);
      verifier.update(challenge);
      return verifier.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
