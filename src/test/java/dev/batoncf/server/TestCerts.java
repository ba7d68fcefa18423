package dev.batoncf.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived test PKI made with the JDK's keytool at test time: a CA, a server certificate for
 * 127.0.0.1 and a client certificate signed by it, and a client certificate from an unrelated CA.
 * PEM files, as the server reads them. Service mode's fake Baton host serves with the same server
 * certificate.
 */
public final class TestCerts {
  private static final String PASS = "changeit";

  public final Path caPem;
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;
  public final Path strangerCert;
  public final Path strangerKey;

  private TestCerts(Path dir) {
    caPem = dir.resolve("ca.pem");
    serverCert = dir.resolve("server.pem");
    serverKey = dir.resolve("server.key");
    clientCert = dir.resolve("client.pem");
    clientKey = dir.resolve("client.key");
    strangerCert = dir.resolve("stranger.pem");
    strangerKey = dir.resolve("stranger.key");
  }

  public static TestCerts create(Path dir)
      throws IOException, InterruptedException, GeneralSecurityException {
    TestCerts c = new TestCerts(dir);
    Path ca = dir.resolve("ca.p12");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=baton-cloudflare test CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca.toString());
    keytool(
        dir,
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-file",
        c.caPem.toString());
    c.issue(
        dir,
        ca,
        "server",
        "CN=127.0.0.1",
        List.of("-ext", "san=ip:127.0.0.1", "-ext", "eku=serverAuth"),
        c.serverCert,
        c.serverKey);
    c.issue(
        dir,
        ca,
        "client",
        "CN=governance-host",
        List.of("-ext", "eku=clientAuth"),
        c.clientCert,
        c.clientKey);
    Path other = dir.resolve("other-ca.p12");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=unrelated CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        other.toString());
    c.issue(
        dir,
        other,
        "stranger",
        "CN=stranger",
        List.of("-ext", "eku=clientAuth"),
        c.strangerCert,
        c.strangerKey);
    return c;
  }

  /** A key pair for {@code alias}, its certificate signed by the CA in {@code caStore}. */
  private void issue(
      Path dir,
      Path caStore,
      String alias,
      String dname,
      List<String> ext,
      Path certOut,
      Path keyOut)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve(alias + ".p12");
    Path csr = dir.resolve(alias + ".csr");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        dname,
        "-validity",
        "2",
        "-keystore",
        store.toString());
    keytool(
        dir, "-certreq", "-alias", alias, "-keystore", store.toString(), "-file", csr.toString());
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                caStore.toString(),
                "-infile",
                csr.toString(),
                "-outfile",
                certOut.toString(),
                "-validity",
                "2"));
    gen.addAll(ext);
    keytool(dir, gen.toArray(String[]::new));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASS.toCharArray());
    }
    Key key = ks.getKey(alias, PASS.toCharArray());
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Files.writeString(keyOut, pem, StandardCharsets.US_ASCII);
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS, "-noprompt"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + out);
    }
  }
}
