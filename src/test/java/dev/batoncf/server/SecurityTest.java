package dev.batoncf.server;

import static dev.batoncf.server.ListingContractTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.Main;
import dev.batoncf.cli.CliContext;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.config.ConfigException;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call the server: TLS, mutual TLS and bearer tokens (good, missing, wrong), over real
 * loopback connections; refused calls cost no Cloudflare request. Plus the bind rule and the token
 * and TLS settings, as the serve command applies them.
 */
class SecurityTest {
  static final String TOKEN = "test-bearer-token-0123456789abcdef";

  /** The test server certificate names 127.0.0.1 only. */
  static final String AUTHORITY = "127.0.0.1";

  @TempDir static Path pki;

  static TestCerts certs;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TestCerts.create(pki);
  }

  @Test
  void bearerTokenGoodMissingAndWrong() {
    try (ServerFixture f =
        ServerFixture.start(
            Seeds.demo(), ServerOptions.defaults().withBearerToken(Secret.of(TOKEN)))) {
      ManagedChannel ch = f.channel();
      var stub = ConnectorServiceGrpc.newBlockingStub(ch);
      StatusRuntimeException missing =
          assertThrows(StatusRuntimeException.class, () -> validate(stub));
      assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
      StatusRuntimeException wrong =
          assertThrows(
              StatusRuntimeException.class,
              () -> validate(ServerFixture.withBearer(stub, TOKEN + "x")));
      assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
      assertFalse(wrong.getStatus().getDescription().contains(TOKEN));
      assertCode(
          Status.Code.UNAUTHENTICATED,
          () -> validate(ServerFixture.withBearer(stub, TOKEN.substring(1))));
      assertEquals(0, f.sim.requests().total(), "refused before any Cloudflare request");

      assertEquals("v0.25.0", validate(ServerFixture.withBearer(stub, TOKEN)));
      assertEquals(1, f.sim.requests().total());

      // Health answers probes without the token; reflection does not.
      assertEquals(
          HealthCheckResponse.ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(ch)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
      StatusRuntimeException reflection =
          assertThrows(StatusRuntimeException.class, () -> OperabilityTest.listServices(ch, null));
      assertEquals(Status.Code.UNAUTHENTICATED, reflection.getStatus().getCode());
      assertTrue(OperabilityTest.listServices(ch, TOKEN).contains("c1.connector.v2.GrantsService"));
    }
  }

  @Test
  void tlsServesClientsThatTrustItsCa() throws IOException {
    TlsFiles tls = new TlsFiles(certs.serverCert, certs.serverKey, null);
    try (ServerFixture f = tlsServer(tls, ServerOptions.defaults())) {
      ChannelCredentials trusting =
          TlsChannelCredentials.newBuilder().trustManager(certs.caPem.toFile()).build();
      assertEquals(
          "v0.25.0",
          validate(ConnectorServiceGrpc.newBlockingStub(f.channel(trusting, AUTHORITY))));
      // A client that does not trust the test CA cannot even connect.
      ChannelCredentials system = TlsChannelCredentials.create();
      assertCode(
          Status.Code.UNAVAILABLE,
          () -> validate(ConnectorServiceGrpc.newBlockingStub(f.channel(system, AUTHORITY))));
      assertEquals(1, f.sim.requests().total());
    }
  }

  @Test
  void mutualTlsRequiresAClientCertificateFromTheClientCa() throws IOException {
    TlsFiles tls = new TlsFiles(certs.serverCert, certs.serverKey, certs.caPem);
    try (ServerFixture f = tlsServer(tls, ServerOptions.defaults())) {
      ChannelCredentials good =
          TlsChannelCredentials.newBuilder()
              .trustManager(certs.caPem.toFile())
              .keyManager(certs.clientCert.toFile(), certs.clientKey.toFile())
              .build();
      ChannelCredentials noCert =
          TlsChannelCredentials.newBuilder().trustManager(certs.caPem.toFile()).build();
      ChannelCredentials stranger =
          TlsChannelCredentials.newBuilder()
              .trustManager(certs.caPem.toFile())
              .keyManager(certs.strangerCert.toFile(), certs.strangerKey.toFile())
              .build();
      assertCode(
          Status.Code.UNAVAILABLE,
          () -> validate(ConnectorServiceGrpc.newBlockingStub(f.channel(noCert, AUTHORITY))));
      assertCode(
          Status.Code.UNAVAILABLE,
          () -> validate(ConnectorServiceGrpc.newBlockingStub(f.channel(stranger, AUTHORITY))));
      assertEquals(0, f.sim.requests().total(), "refused before any Cloudflare request");
      assertEquals(
          "v0.25.0", validate(ConnectorServiceGrpc.newBlockingStub(f.channel(good, AUTHORITY))));
    }
  }

  @Test
  void tlsWithABearerTokenChecksBoth() throws IOException {
    TlsFiles tls = new TlsFiles(certs.serverCert, certs.serverKey, null);
    try (ServerFixture f =
        tlsServer(tls, ServerOptions.defaults().withBearerToken(Secret.of(TOKEN)))) {
      var stub =
          ConnectorServiceGrpc.newBlockingStub(
              f.channel(
                  TlsChannelCredentials.newBuilder().trustManager(certs.caPem.toFile()).build(),
                  AUTHORITY));
      assertCode(Status.Code.UNAUTHENTICATED, () -> validate(stub));
      assertEquals("v0.25.0", validate(ServerFixture.withBearer(stub, TOKEN)));
    }
  }

  @Test
  void onlyLoopbackMayGoWithoutTlsOrToken() {
    TlsFiles tls = new TlsFiles(certs.serverCert, certs.serverKey, null);
    Secret token = Secret.of(TOKEN);
    ServerSecurity.checkExposure(ListenAddress.DEFAULT, TlsFiles.NONE, null);
    ServerSecurity.checkExposure(ListenAddress.parse("[::1]:0"), TlsFiles.NONE, null);
    ServerSecurity.checkExposure(ListenAddress.parse("localhost:0"), TlsFiles.NONE, null);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ServerSecurity.checkExposure(
                    ListenAddress.parse("0.0.0.0:50051"), TlsFiles.NONE, null));
    assertTrue(e.getMessage().startsWith("refusing to listen on 0.0.0.0:50051"), e.getMessage());
    ServerSecurity.checkExposure(ListenAddress.parse("0.0.0.0:50051"), TlsFiles.NONE, token);
    ServerSecurity.checkExposure(
        ListenAddress.parse("0.0.0.0:50051"),
        new TlsFiles(certs.serverCert, certs.serverKey, certs.caPem),
        null);
    assertThrows(
        ConfigException.class,
        () ->
            ServerSecurity.checkExposure(
                ListenAddress.DEFAULT, new TlsFiles(certs.serverCert, null, null), null));
    assertThrows(
        ConfigException.class,
        () ->
            ServerSecurity.checkExposure(
                ListenAddress.DEFAULT, new TlsFiles(null, null, certs.caPem), null));
    assertThrows(
        ConfigException.class,
        () ->
            ServerSecurity.checkExposure(
                ListenAddress.DEFAULT,
                new TlsFiles(pki.resolve("missing.pem"), certs.serverKey, null),
                null));
    assertEquals("127.0.0.1:50051", ListenAddress.DEFAULT.toString());
    assertThrows(ConfigException.class, () -> ListenAddress.parse("50051"));
    assertThrows(ConfigException.class, () -> ListenAddress.parse("::1:50051"));
    assertThrows(ConfigException.class, () -> ListenAddress.parse("127.0.0.1:70000"));
  }

  @Test
  void tlsAloneIsNotAuthenticationBeyondLoopback() {
    TlsFiles tlsOnly = new TlsFiles(certs.serverCert, certs.serverKey, null);
    for (String listen : List.of("0.0.0.0:50051", "[::]:50051", "10.1.2.3:50051")) {
      for (boolean provisioning : new boolean[] {false, true}) {
        ConfigException e =
            assertThrows(
                ConfigException.class,
                () ->
                    ServerSecurity.checkExposure(
                        ListenAddress.parse(listen), tlsOnly, null, provisioning),
                listen);
        assertEquals(
            "refusing to listen on "
                + listen
                + " with TLS but without client "
                + "authentication: TLS proves the server to clients, not clients to the server; "
                + "add --tls-client-ca (mutual TLS) and/or a bearer token ("
                + ServerSecurity.TOKEN_ENV
                + " or --server-token-file)",
            e.getMessage());
      }
    }
    // With -p a bearer token must not cross the network in clear text (it could be replayed
    // to grant Super Administrator); read-only it is allowed with a warning.
    Secret token = Secret.of(TOKEN);
    ServerSecurity.checkExposure(ListenAddress.parse("0.0.0.0:50051"), TlsFiles.NONE, token, false);
    ConfigException clear =
        assertThrows(
            ConfigException.class,
            () ->
                ServerSecurity.checkExposure(
                    ListenAddress.parse("0.0.0.0:50051"), TlsFiles.NONE, token, true));
    assertEquals(
        "refusing to serve provisioning on 0.0.0.0:50051 with a bearer token over "
            + "plaintext: anyone who sees one request could replay the token; add --tls-cert and "
            + "--tls-key",
        clear.getMessage());
    assertEquals(
        new InetSocketAddress("0.0.0.0", 50051),
        ServerSecurity.checkExposure(ListenAddress.parse("0.0.0.0:50051"), tlsOnly, token, true));
    // Loopback needs nothing, with or without -p; TLS-only there is allowed (local callers).
    assertEquals(
        new InetSocketAddress("127.0.0.1", 0),
        ServerSecurity.checkExposure(ListenAddress.parse("127.0.0.1:0"), tlsOnly, null, true));
    assertEquals(
        new InetSocketAddress("::1", 7),
        ServerSecurity.checkExposure(ListenAddress.parse("[::1]:7"), TlsFiles.NONE, null, true));
  }

  @Test
  void loopbackMeansEveryResolvedAddressIsLoopback() throws Exception {
    InetAddress v4 = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    InetAddress v4Other = InetAddress.getByAddress("localhost", new byte[] {127, 8, 9, 10});
    InetAddress v6 =
        InetAddress.getByAddress(
            "localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    InetAddress lan = InetAddress.getByAddress("localhost", new byte[] {10, 0, 0, 5});
    InetAddress any4 = InetAddress.getByAddress(new byte[] {0, 0, 0, 0});
    InetAddress any6 = InetAddress.getByAddress(new byte[16]);
    assertTrue(ListenAddress.allLoopback(List.of(v4, v6, v4Other)));
    assertFalse(ListenAddress.allLoopback(List.of(v4, lan)), "a name that also resolves off-host");
    assertFalse(ListenAddress.allLoopback(List.of(any4)), "0.0.0.0 is every interface");
    assertFalse(ListenAddress.allLoopback(List.of(any6)), ":: is every interface");
    assertFalse(ListenAddress.allLoopback(List.of()));
    assertFalse(ListenAddress.parse("0.0.0.0:1").loopback());
    assertFalse(ListenAddress.parse("[::]:1").loopback());
    assertTrue(ListenAddress.parse("127.255.0.1:1").loopback());
    assertTrue(ListenAddress.parse("[::ffff:127.0.0.1]:1").loopback());
  }

  @Test
  void serveWithProvisioningRefusesTlsWithoutClientAuthentication() {
    CliRun run =
        CliRun.run(
            Map.of(),
            "serve",
            "--listen",
            "0.0.0.0:0",
            "-p",
            "--tls-cert",
            certs.serverCert.toString(),
            "--tls-key",
            certs.serverKey.toString(),
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "--api-token",
            Seeds.DEMO_API_TOKEN);
    assertEquals(2, run.code(), run.both());
    assertEquals(
        List.of(
            "error: refusing to listen on 0.0.0.0:0 with TLS but without client "
                + "authentication: TLS proves the server to clients, not clients to the server; add "
                + "--tls-client-ca (mutual TLS) and/or a bearer token (BATON_SERVER_TOKEN or "
                + "--server-token-file)"),
        run.err().strip().lines().toList());
    assertEquals("", run.out());
  }

  @Test
  void aTlsKeyThatDoesNotMatchItsCertificateIsRefusedAtStart() throws IOException {
    TlsFiles mismatched = new TlsFiles(certs.serverCert, certs.strangerKey, null);
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ServerSecurity.checkExposure(ListenAddress.DEFAULT, mismatched, null));
    assertEquals(
        "--tls-key "
            + certs.strangerKey
            + " is not the private key of the certificate "
            + "in --tls-cert "
            + certs.serverCert,
        e.getMessage());
    Path notPem = Files.writeString(pki.resolve("garbage.pem"), "not a certificate\n");
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                ServerSecurity.checkExposure(
                    ListenAddress.DEFAULT, new TlsFiles(notPem, certs.serverKey, null), null));
    assertEquals("--tls-cert " + notPem + " holds no PEM certificate", bad.getMessage());
    ConfigException badCa =
        assertThrows(
            ConfigException.class,
            () ->
                ServerSecurity.checkExposure(
                    ListenAddress.DEFAULT,
                    new TlsFiles(certs.serverCert, certs.serverKey, notPem),
                    null));
    assertEquals("--tls-client-ca " + notPem + " holds no PEM certificate", badCa.getMessage());
    ConfigException keyNotPem =
        assertThrows(
            ConfigException.class,
            () ->
                ServerSecurity.checkExposure(
                    ListenAddress.DEFAULT, new TlsFiles(certs.serverCert, notPem, null), null));
    assertEquals(
        "--tls-key "
            + notPem
            + " holds no PEM private key (PKCS#8 \"BEGIN PRIVATE KEY\"; "
            + "convert others with openssl pkcs8 -topk8 -nocrypt)",
        keyNotPem.getMessage());
    // the matching pair passes
    assertEquals(
        new InetSocketAddress("127.0.0.1", 50051),
        ServerSecurity.checkExposure(
            ListenAddress.DEFAULT,
            new TlsFiles(certs.serverCert, certs.serverKey, certs.caPem),
            null));

    CliRun run =
        CliRun.run(
            Map.of(),
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            certs.serverCert.toString(),
            "--tls-key",
            certs.strangerKey.toString(),
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "--api-token",
            Seeds.DEMO_API_TOKEN);
    assertEquals(2, run.code(), run.both());
    assertEquals(
        List.of(
            "error: --tls-key "
                + certs.strangerKey
                + " is not the private key of "
                + "the certificate in --tls-cert "
                + certs.serverCert),
        run.err().strip().lines().toList());
  }

  @Test
  void absurdServerDeadlinesAreRefusedAtStart() {
    for (String[] c :
        List.of(
            new String[] {"--rpc-deadline-seconds", "0"},
            new String[] {"--rpc-deadline-seconds", "86401"},
            new String[] {"--sync-deadline-seconds", "604801"},
            new String[] {"--shutdown-grace-seconds", "3601"})) {
      CliRun run =
          CliRun.run(
              Map.of(),
              "serve",
              "--listen",
              "127.0.0.1:0",
              c[0],
              c[1],
              "--account-id",
              Seeds.DEMO_ACCOUNT_ID,
              "--api-token",
              Seeds.DEMO_API_TOKEN);
      assertEquals(2, run.code(), run.both());
      assertEquals(
          List.of(
              "error: --rpc-deadline-seconds must be 1 to 86400 (one day), "
                  + "--sync-deadline-seconds 1 to 604800 (a week), --shutdown-grace-seconds 0 to 3600 and "
                  + "--max-message-bytes 1024 to 2147483647"),
          run.err().strip().lines().toList(),
          c[0]);
    }
  }

  @Test
  void aWorldReadableSecretFileIsWarnedAbout() throws IOException {
    Path file = pki.resolve("open-token.txt");
    Files.writeString(file, TOKEN + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    // --tls-cert without --tls-key stops serve after the token is read, with exit 2.
    String[] args = {
      "serve",
      "--server-token-file",
      file.toString(),
      "--tls-cert",
      certs.serverCert.toString(),
      "--account-id",
      Seeds.DEMO_ACCOUNT_ID,
      "--api-token",
      Seeds.DEMO_API_TOKEN
    };
    CliRun open = CliRun.run(Map.of(), args);
    assertEquals(2, open.code(), open.both());
    String warning =
        "--server-token-file "
            + file
            + " holds a secret and is readable by every "
            + "user of this machine; restrict it: chmod 600 "
            + file;
    assertTrue(
        open.err()
            .lines()
            .anyMatch(
                l -> l.contains("\"level\":\"warn\"") && l.contains("\"msg\":\"" + warning + "\"")),
        open.both());
    assertFalse(open.err().contains(TOKEN), open.both());

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    CliRun closed = CliRun.run(Map.of(), args);
    assertEquals(2, closed.code(), closed.both());
    assertEquals(
        List.of("error: --tls-cert and --tls-key go together"),
        closed.err().strip().lines().toList());
  }

  @Test
  void tokenComesFromTheEnvironmentOrAFileNeverBoth() throws IOException {
    Path file = pki.resolve("token.txt");
    Files.writeString(file, "  " + TOKEN + "\n");
    assertTrue(ServerSecurity.loadToken(Map.of(), file).matches(TOKEN));
    assertTrue(
        ServerSecurity.loadToken(Map.of(ServerSecurity.TOKEN_ENV, TOKEN), null).matches(TOKEN));
    assertNull(ServerSecurity.loadToken(Map.of(), null));
    assertThrows(
        ConfigException.class,
        () -> ServerSecurity.loadToken(Map.of(ServerSecurity.TOKEN_ENV, TOKEN), file));
    ConfigException shortToken =
        assertThrows(
            ConfigException.class,
            () -> ServerSecurity.loadToken(Map.of(ServerSecurity.TOKEN_ENV, "short"), null));
    assertFalse(shortToken.getMessage().contains("short"));
    assertThrows(
        ConfigException.class,
        () -> ServerSecurity.loadToken(Map.of(), pki.resolve("no-such-file")));
  }

  @Test
  void serveRefusesToStartOnANetworkAddressWithoutProtection() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
    int code =
        Main.run(
            ctx,
            "serve",
            "--listen",
            "0.0.0.0:0",
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "--api-token",
            Seeds.DEMO_API_TOKEN);
    assertEquals(2, code, out + "\n" + err);
    String[] lines = err.toString().strip().split("\n");
    assertEquals(1, lines.length, err.toString());
    assertTrue(lines[0].startsWith("error: refusing to listen on 0.0.0.0:0"), lines[0]);
    assertFalse(err.toString().contains(Seeds.DEMO_API_TOKEN));
    assertEquals("", out.toString());

    StringWriter err2 = new StringWriter();
    int half =
        Main.run(
            new CliContext(
                Map.of(),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err2, true),
                false),
            "serve",
            "--tls-cert",
            certs.serverCert.toString(),
            "--account-id",
            Seeds.DEMO_ACCOUNT_ID,
            "--api-token",
            Seeds.DEMO_API_TOKEN);
    assertEquals(2, half, err2.toString());
    assertTrue(err2.toString().contains("--tls-cert and --tls-key go together"), err2.toString());
  }

  private static ServerFixture tlsServer(TlsFiles tls, ServerOptions options) {
    return ServerFixture.start(
        Seeds.demo(), options, tls, java.time.Duration.ofSeconds(20), ServerFixture.demoToken());
  }

  private static String validate(ConnectorServiceGrpc.ConnectorServiceBlockingStub stub) {
    String v = stub.validate(ConnectorServiceValidateRequest.getDefaultInstance()).getSdkVersion();
    assertNotNull(v);
    return v;
  }
}
