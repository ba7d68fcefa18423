package dev.batoncf.cli;

import dev.batoncf.action.ActionRegistry;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.config.ConfigException;
import dev.batoncf.config.Settings;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.server.ActionServiceImpl;
import dev.batoncf.server.CallLimits;
import dev.batoncf.server.ConnectorServer;
import dev.batoncf.server.ListenAddress;
import dev.batoncf.server.ServerOptions;
import dev.batoncf.server.ServerSecurity;
import dev.batoncf.server.TlsFiles;
import io.grpc.BindableService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The gRPC server's flags and their checks, shared by {@code serve} and {@code daemon --serve} so
 * both expose the connector the same way: address, TLS, mutual TLS, bearer token, limits.
 */
final class GrpcServerOptions {
  private static final long DAY = 86_400;
  private static final long HOUR = 3_600;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Address to listen on (default 127.0.0.1:50051; port 0 = any free port). Anything but loopback needs client authentication: mutual TLS and/or a bearer token")
  String listen = ListenAddress.DEFAULT.toString();

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate chain (PEM)")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Server private key (PKCS#8 PEM)")
  Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "PEM",
      description = "Require client certificates signed by this CA (mutual TLS)")
  Path tlsClientCa;

  @Option(
      names = "--server-token-file",
      paramLabel = "FILE",
      description =
          "File holding the bearer token clients must send (or env "
              + ServerSecurity.TOKEN_ENV
              + ")")
  Path tokenFile;

  @Option(
      names = "--max-calls",
      paramLabel = "CLASS=N",
      split = ",",
      description =
          "Calls of a class running at once, beyond which calls get RESOURCE_EXHAUSTED; classes quick, list, provision, sync (default quick=64,list=16,provision=8,sync=2)")
  Map<String, Integer> maxCalls = new LinkedHashMap<>();

  @Option(
      names = "--max-message-bytes",
      paramLabel = "N",
      description = "Largest request message accepted (default 4194304)")
  int maxMessageBytes = ServerOptions.DEFAULT_MAX_INBOUND_BYTES;

  @Option(
      names = "--rpc-deadline-seconds",
      paramLabel = "S",
      description = "Deadline of a call that sends none (default 600)")
  long rpcDeadlineSeconds = ServerOptions.DEFAULT_DEADLINE.toSeconds();

  @Option(
      names = "--sync-deadline-seconds",
      paramLabel = "S",
      description = "The same for the streamed full sync (default 7200)")
  long syncDeadlineSeconds = ServerOptions.DEFAULT_SYNC_DEADLINE.toSeconds();

  /** A checked, not yet started server; every problem is a one-line ConfigException. */
  record Prepared(
      ListenAddress address,
      InetSocketAddress bind,
      TlsFiles tls,
      Secret token,
      ServerOptions options) {
    /** "(tls: off, bearer token: off, provisioning: off)". */
    String describe() {
      return "(tls: "
          + (tls.mutual() ? "mutual" : tls.enabled() ? "on" : "off")
          + ", bearer token: "
          + (token != null ? "required" : "off")
          + ", provisioning: "
          + (options.provisioning() ? "on" : "off")
          + ")";
    }
  }

  /** Checks every flag before anything starts (the bind rule included). */
  Prepared prepare(Map<String, String> env, Settings settings, Duration shutdownGrace) {
    ListenAddress address = ListenAddress.parse(listen);
    TlsFiles tls = new TlsFiles(tlsCert, tlsKey, tlsClientCa);
    Secret token = ServerSecurity.loadToken(env, tokenFile);
    if (token != null) {
      LogSetup.redact(token.reveal());
    }
    InetSocketAddress bind =
        ServerSecurity.checkExposure(address, tls, token, settings.provisioning());
    long graceSeconds = shutdownGrace.toSeconds();
    if (maxMessageBytes < 1024
        || rpcDeadlineSeconds < 1
        || rpcDeadlineSeconds > DAY
        || syncDeadlineSeconds < 1
        || syncDeadlineSeconds > 7 * DAY
        || graceSeconds < 0
        || graceSeconds > HOUR) {
      throw new ConfigException(
          "--rpc-deadline-seconds must be 1 to "
              + DAY
              + " (one day), "
              + "--sync-deadline-seconds 1 to "
              + 7 * DAY
              + " (a week), --shutdown-grace-seconds 0 to "
              + HOUR
              + " and --max-message-bytes 1024 to "
              + Integer.MAX_VALUE);
    }
    CallLimits limits;
    try {
      limits = CallLimits.DEFAULTS.with(maxCalls);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--max-calls: " + e.getMessage());
    }
    ServerOptions options =
        ServerOptions.defaults()
            .withCallLimits(limits)
            .withProvisioning(settings.provisioning())
            .withBearerToken(token)
            .withMaxInboundBytes(maxMessageBytes)
            .withDeadlines(
                Duration.ofSeconds(rpcDeadlineSeconds), Duration.ofSeconds(syncDeadlineSeconds))
            .withShutdownGrace(shutdownGrace);
    return new Prepared(address, bind, tls, token, options);
  }

  /** Builds and starts the server; a port in use is a one-line runtime error. */
  static ConnectorServer start(
      Prepared p, CloudflareConnector connector, List<BindableService> extra) {
    ConnectorServer server =
        new ConnectorServer(
            ServerSecurity.serverBuilder(p.bind(), p.tls()), connector, p.options(), extra);
    try {
      return server.start();
    } catch (IOException e) {
      throw new ErrorReporter.OperationException(
          "could not listen on "
              + p.address()
              + ": "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          e);
    }
  }

  /**
   * The services served next to the connector's: Baton's ActionService, sharing the connector's
   * client (same limiter, auth and base-URL guard) and {@code -p} (writes are refused with
   * FAILED_PRECONDITION without it).
   */
  static List<BindableService> standardExtraServices(
      CloudflareConnector connector, Settings settings) {
    return List.of(
        new ActionServiceImpl(
            ActionRegistry.standard(),
            new SecurityClient(connector.client()),
            settings.provisioning()));
  }

  @Override
  public String toString() {
    return "GrpcServerOptions[listen=" + listen + "]";
  }
}
