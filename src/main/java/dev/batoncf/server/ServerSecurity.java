package dev.batoncf.server;

import dev.batoncf.cloudflare.Secret;
import dev.batoncf.config.ConfigException;
import dev.batoncf.config.SecretFile;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach the server and how it proves itself: the bind rule (loopback by default; any other
 * address needs client authentication, mutual TLS and/or a bearer token, else the server refuses to
 * start), TLS and mutual TLS from PEM files, and the bearer token from the environment or a file.
 * Every problem is a {@link ConfigException}: one line, exit code 2, no secret in it.
 */
public final class ServerSecurity {
  private static final Logger log = LoggerFactory.getLogger(ServerSecurity.class);

  /** The bearer token's environment variable (BATON_ prefix, like every other setting). */
  public static final String TOKEN_ENV = "BATON_SERVER_TOKEN";

  /** Shorter than this is guessable, not a secret. */
  static final int MIN_TOKEN_LENGTH = 16;

  private ServerSecurity() {}

  /**
   * The address to bind, after refusing an exposure that would let unauthenticated clients in.
   * Loopback (every address the host resolves to is loopback, see {@link ListenAddress#loopback()})
   * needs nothing. Any other address needs client authentication: mutual TLS and/or a bearer token;
   * TLS alone proves the server to clients, not clients to the server. With provisioning, a bearer
   * token must also travel over TLS: seen once in clear text it could be replayed to grant any
   * role. The host is resolved once here, so the checked address is the bound one.
   */
  public static InetSocketAddress checkExposure(
      ListenAddress listen, TlsFiles tls, Secret token, boolean provisioning) {
    checkTlsFiles(tls);
    List<InetAddress> addresses = listen.addresses();
    InetSocketAddress bind = new InetSocketAddress(addresses.get(0), listen.port());
    if (ListenAddress.allLoopback(addresses)) {
      return bind;
    }
    if (!tls.enabled() && token == null) {
      throw new ConfigException(
          "refusing to listen on "
              + listen
              + " without protection: an "
              + "address other than loopback needs client authentication: mutual TLS (--tls-cert, "
              + "--tls-key and --tls-client-ca) and/or a bearer token ("
              + TOKEN_ENV
              + " or --server-token-file)");
    }
    if (!tls.mutual() && token == null) {
      throw new ConfigException(
          "refusing to listen on "
              + listen
              + " with TLS but without "
              + "client authentication: TLS proves the server to clients, not clients to the "
              + "server; add --tls-client-ca (mutual TLS) and/or a bearer token ("
              + TOKEN_ENV
              + " or --server-token-file)");
    }
    if (!tls.enabled() && provisioning) {
      throw new ConfigException(
          "refusing to serve provisioning on "
              + listen
              + " with a "
              + "bearer token over plaintext: anyone who sees one request could replay the token; "
              + "add --tls-cert and --tls-key");
    }
    if (!tls.enabled()) {
      log.warn(
          "listening on {} without TLS: the bearer token and all data cross the network in "
              + "clear text; add --tls-cert and --tls-key",
          listen);
    }
    return bind;
  }

  /** {@link #checkExposure(ListenAddress, TlsFiles, Secret, boolean)} without provisioning. */
  public static InetSocketAddress checkExposure(ListenAddress listen, TlsFiles tls, Secret token) {
    return checkExposure(listen, tls, token, false);
  }

  static void checkTlsFiles(TlsFiles tls) {
    List<String> problems = new ArrayList<>();
    if ((tls.certChain() == null) != (tls.privateKey() == null)) {
      problems.add("--tls-cert and --tls-key go together");
    }
    if (tls.clientCa() != null && !tls.enabled()) {
      problems.add("--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS first)");
    }
    for (Path p : new Path[] {tls.certChain(), tls.privateKey(), tls.clientCa()}) {
      if (p != null && !Files.isReadable(p)) {
        problems.add("TLS file " + p + " does not exist or is not readable");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    TlsCheck.verify(tls);
  }

  /**
   * The bearer token: the trimmed content of {@code tokenFile}, or {@value #TOKEN_ENV}; null when
   * neither is set. Both at once is ambiguous and refused.
   */
  public static Secret loadToken(Map<String, String> env, Path tokenFile) {
    String fromEnv = env.get(TOKEN_ENV);
    boolean envSet = fromEnv != null && !fromEnv.isBlank();
    if (tokenFile != null && envSet) {
      throw new ConfigException("both " + TOKEN_ENV + " and --server-token-file are set: use one");
    }
    String value;
    String source;
    if (tokenFile != null) {
      value = SecretFile.read(tokenFile, "--server-token-file");
      source = "--server-token-file " + tokenFile;
    } else if (envSet) {
      value = fromEnv.trim();
      source = TOKEN_ENV;
    } else {
      return null;
    }
    if (value.length() < MIN_TOKEN_LENGTH || value.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException(
          "the bearer token in "
              + source
              + " must be at least "
              + MIN_TOKEN_LENGTH
              + " characters without spaces (e.g. openssl rand -hex 32)");
    }
    return Secret.of(value);
  }

  /** Plaintext, TLS, or TLS requiring a client certificate signed by the client CA. */
  static ServerCredentials credentials(TlsFiles tls) {
    if (!tls.enabled()) {
      return InsecureServerCredentials.create();
    }
    try {
      TlsServerCredentials.Builder b =
          TlsServerCredentials.newBuilder()
              .keyManager(tls.certChain().toFile(), tls.privateKey().toFile());
      if (tls.mutual()) {
        b.trustManager(tls.clientCa().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return b.build();
    } catch (IOException e) {
      throw new ConfigException("could not read the TLS files: " + e.getMessage());
    }
  }

  /** A server builder bound to exactly {@code listen} (never the wildcard unless asked). */
  public static NettyServerBuilder serverBuilder(ListenAddress listen, TlsFiles tls) {
    return serverBuilder(listen.resolve(), tls);
  }

  /** A server builder bound to exactly {@code bind}, as {@link #checkExposure} returned it. */
  public static NettyServerBuilder serverBuilder(InetSocketAddress bind, TlsFiles tls) {
    try {
      return NettyServerBuilder.forAddress(bind, credentials(tls));
    } catch (IllegalArgumentException e) {
      // Netty parses the PEM files here; a wrong key or certificate surfaces as this.
      throw new ConfigException(
          "the TLS certificate or key cannot be used: "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    }
  }
}
