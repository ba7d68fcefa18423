package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.Settings;
import dev.batoncf.config.SettingsLoader;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.server.ConnectorServer;
import dev.batoncf.server.ListenAddress;
import dev.batoncf.server.ServerOptions;
import io.grpc.BindableService;
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
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Serve Baton's c1.connector.v2 gRPC services (sync and, with -p, provisioning).")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Mixin GrpcServerOptions server = new GrpcServerOptions();

  @Option(
      names = "--shutdown-grace-seconds",
      paramLabel = "S",
      description = "How long in-flight calls may finish on SIGTERM (default 30)")
  long shutdownGraceSeconds = ServerOptions.DEFAULT_SHUTDOWN_GRACE.toSeconds();

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = root.context();
    Settings settings =
        new SettingsLoader(ctx.env()).load(connection.given(), connection.config, true);
    root.configureLogging(settings);
    GrpcServerOptions.Prepared prepared =
        server.prepare(ctx.env(), settings, Duration.ofSeconds(shutdownGraceSeconds));
    try (CloudflareClient client =
        ClientFactory.client(ctx.rateLimiters(), settings, HttpEvents.none())) {
      CloudflareConnector connector =
          new CloudflareConnector(client, ClientFactory.connectorOptions(settings));
      ConnectorServer server =
          GrpcServerOptions.start(prepared, connector, extraServices(connector, settings));
      Thread hook = server.shutdownHook();
      Runtime.getRuntime().addShutdownHook(hook);
      ListenAddress address = prepared.address();
      ctx.out()
          .println(
              "serving c1.connector.v2 on "
                  + address.host()
                  + ":"
                  + server.port()
                  + " "
                  + prepared.describe());
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

  /**
   * Hook for services built elsewhere (e.g. Baton's ActionService): whatever this returns is served
   * next to the connector services, behind the same auth, deadlines and access log.
   */
  List<BindableService> extraServices(CloudflareConnector connector, Settings settings) {
    return GrpcServerOptions.standardExtraServices(connector, settings);
  }
}
