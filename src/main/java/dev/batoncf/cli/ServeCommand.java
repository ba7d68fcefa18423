package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.ConfigException;
import dev.batoncf.config.Settings;
import dev.batoncf.config.SettingsLoader;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.server.ConnectorServer;
import dev.batoncf.server.ListenAddress;
import dev.batoncf.server.ServerOptions;
import dev.batoncf.server.ServerSecurity;
import dev.batoncf.server.TlsFiles;
import dev.batoncf.action.ActionRegistry;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.server.ActionServiceImpl;
import io.grpc.BindableService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve}: Baton's c1.connector.v2 gRPC services for a governance host, on 127.0.0.1 unless
 * told otherwise. Runs until SIGTERM or Ctrl-C, then finishes in-flight calls.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve Baton's c1.connector.v2 gRPC services (sync and, with -p, provisioning).")
final class ServeCommand implements Callable<Integer> {
  private static final long DAY = 86_400;
  private static final long HOUR = 3_600;
  @ParentCommand
  RootCommand root;

  @Mixin
  ConnectionOptions connection = new ConnectionOptions();

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Address to listen on (default 127.0.0.1:50051; port 0 = any free port). Anything but loopback needs client authentication: mutual TLS and/or a bearer token")
  String listen = ListenAddress.DEFAULT.toString();

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate chain (PEM)")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Server private key (PKCS#8 PEM)")
  Path tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "PEM", description = "Require client certificates signed by this CA (mutual TLS)")
  Path tlsClientCa;

  @Option(names = "--server-token-file", paramLabel = "FILE", description = "File holding the bearer token clients must send (or env " + ServerSecurity.TOKEN_ENV + ")")
  Path tokenFile;

  @Option(names = "--max-message-bytes", paramLabel = "N", description = "Largest request message accepted (default 4194304)")
  int maxMessageBytes = ServerOptions.DEFAULT_MAX_INBOUND_BYTES;

  @Option(names = "--rpc-deadline-seconds", paramLabel = "S", description = "Deadline of a call that sends none (default 600)")
  long rpcDeadlineSeconds = ServerOptions.DEFAULT_DEADLINE.toSeconds();

  @Option(names = "--sync-deadline-seconds", paramLabel = "S", description = "The same for the streamed full sync (default 7200)")
  long syncDeadlineSeconds = ServerOptions.DEFAULT_SYNC_DEADLINE.toSeconds();

  @Option(names = "--shutdown-grace-seconds", paramLabel = "S", description = "How long in-flight calls may finish on SIGTERM (default 30)")
  long shutdownGraceSeconds = ServerOptions.DEFAULT_SHUTDOWN_GRACE.toSeconds();

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = root.context();
    Settings settings =
        new SettingsLoader(ctx.env()).load(connection.given(), connection.config, true);
    root.configureLogging(settings);
    ListenAddress address = ListenAddress.parse(listen);
    TlsFiles tls = new TlsFiles(tlsCert, tlsKey, tlsClientCa);
    Secret token = ServerSecurity.loadToken(ctx.env(), tokenFile);
    if (token != null) {
      LogSetup.redact(token.reveal());
    }
    InetSocketAddress bind =
        ServerSecurity.checkExposure(address, tls, token, settings.provisioning());
    ServerOptions options = options(settings, token);
    try (CloudflareClient client = ClientFactory.client(settings, HttpEvents.none())) {
      CloudflareConnector connector =
          new CloudflareConnector(client, new ConnectorOptions(settings.zeroTrust()));
      ConnectorServer server = new ConnectorServer(ServerSecurity.serverBuilder(bind, tls),
          connector, options, extraServices(connector, settings));
      try {
        server.start();
      } catch (IOException e) {
        throw new ErrorReporter.OperationException("could not listen on " + address + ": "
            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
      }
      Thread hook = server.shutdownHook();
      Runtime.getRuntime().addShutdownHook(hook);
      ctx.out().println("serving c1.connector.v2 on " + address.host() + ":" + server.port()
          + " (tls: " + (tls.mutual() ? "mutual" : tls.enabled() ? "on" : "off")
          + ", bearer token: " + (token != null ? "required" : "off")
          + ", provisioning: " + (settings.provisioning() ? "on" : "off") + ")");
      ctx.out().flush();
      server.awaitTermination();
      removeHook(hook);
    }
    return ExitCodes.OK;
  }

  /** Stopped other than by a signal: the hook is not needed any more. */
  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is what stopped the server; it finishes on its own
    }
  }

  private ServerOptions options(Settings settings, Secret token) {
    if (maxMessageBytes < 1024 || rpcDeadlineSeconds < 1 || rpcDeadlineSeconds > DAY
        || syncDeadlineSeconds < 1 || syncDeadlineSeconds > 7 * DAY
        || shutdownGraceSeconds < 0 || shutdownGraceSeconds > HOUR) {
      throw new ConfigException("--rpc-deadline-seconds must be 1 to " + DAY + " (one day), "
          + "--sync-deadline-seconds 1 to " + 7 * DAY + " (a week), --shutdown-grace-seconds 0 to "
          + HOUR + " and --max-message-bytes 1024 to " + Integer.MAX_VALUE);
    }
    return ServerOptions.defaults()
        .withProvisioning(settings.provisioning())
        .withBearerToken(token)
        .withMaxInboundBytes(maxMessageBytes)
        .withDeadlines(Duration.ofSeconds(rpcDeadlineSeconds),
            Duration.ofSeconds(syncDeadlineSeconds))
        .withShutdownGrace(Duration.ofSeconds(shutdownGraceSeconds));
  }

  /**
   * Hook for services built elsewhere (e.g. Baton's ActionService): whatever this returns is
   * served next to the connector services, behind the same auth, deadlines and access log.
   */
  List<BindableService> extraServices(CloudflareConnector connector, Settings settings) {
    // Actions share the connector's client (same limiter, auth and base-URL guard) and the
    // server's -p: writes are refused with FAILED_PRECONDITION without it.
    return List.of(new ActionServiceImpl(ActionRegistry.standard(),
        new SecurityClient(connector.client()), settings.provisioning()));
  }
}
