package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.Settings;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.health.HealthServer;
import dev.batoncf.service.ClientId;
import dev.batoncf.service.ClientSecret;
import dev.batoncf.service.ServiceConfig;
import dev.batoncf.service.ServiceException;
import dev.batoncf.service.ServiceHealth;
import dev.batoncf.service.ServiceMode;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;

/**
 * Service mode from the root command: checks the credentials (exit 2 when malformed), connects to
 * the host and runs its tasks until SIGTERM or Ctrl-C, then lets running tasks finish within {@code
 * --shutdown-timeout} and exits 0. A host that refuses the client ends the run with one line and
 * exit 1.
 */
final class ServiceRunner {
  static final String PRODUCT = "baton-cloudflare";

  /** The gRPC server's access logger (AccessLogInterceptor). */
  private static final String ACCESS_LOG = "dev.batoncf.server.access";

  private final CliContext ctx;

  ServiceRunner(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Parses and checks the credentials and flags; nothing is contacted yet. */
  ServiceConfig config(Settings settings, ServiceOptions options) {
    Map<String, String> env = ctx.env();
    options.requireBoth(env);
    ClientId id = ClientId.parse(options.clientId(env));
    ClientSecret secret = ClientSecret.parse(Secret.of(options.clientSecret(env)));
    ServiceConfig c = ServiceConfig.of(id, secret, env, PRODUCT, Version.VERSION);
    return c.withTasks(
            options.taskConcurrency(env, c.taskConcurrency()),
            options.shutdownTimeout(c.shutdownTimeout()))
        .withTempDir(options.tempDir(env))
        .withProvisioning(settings.provisioning());
  }

  /**
   * @param health Baton's health flags; when enabled, the health server runs beside the loop
   */
  int run(Settings settings, ServiceConfig config, HealthOptions health) {
    quietAccessLog(settings.logLevel());
    InetSocketAddress healthAddress = health.enabled ? health.address() : null;
    try (CloudflareClient client =
        ClientFactory.client(ctx.rateLimiters(), settings, HttpEvents.none())) {
      CloudflareConnector connector =
          new CloudflareConnector(client, ClientFactory.connectorOptions(settings));
      try (ServiceMode service = ServiceMode.create(config, connector);
          HealthServer healthServer =
              healthAddress == null
                  ? null
                  : health.start(
                      ctx,
                      healthAddress,
                      check ->
                          new ServiceHealth(
                              service::status, check, client.metrics(), Clock.systemUTC()),
                      connector,
                      Clock.systemUTC())) {
        poll(service, config);
      }
    }
    return ExitCodes.OK;
  }

  private void poll(ServiceMode service, ServiceConfig config) {
    ctx.out()
        .println(
            "service mode: polling "
                + config.apiHost()
                + " for tasks as host "
                + config.hostId()
                + " (client "
                + config.clientId().clientName()
                + ", provisioning: "
                + (config.provisioning() ? "on" : "off")
                + ", task concurrency: "
                + config.taskConcurrency()
                + ")");
    ctx.out().flush();
    StopSignals signals = StopSignals.install(service::stop);
    try {
      service.run();
    } catch (ServiceException e) {
      throw new ErrorReporter.OperationException(e.getMessage(), e);
    } finally {
      signals.close();
    }
    ctx.out().println("service mode stopped");
  }

  /**
   * Tasks reach the connector's services in-process, and each task already gets its own log lines:
   * the server's per-call access log would only repeat them, so it shows at debug only.
   */
  private static void quietAccessLog(String level) {
    if (!level.equalsIgnoreCase("debug") && !level.equalsIgnoreCase("trace")) {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ACCESS_LOG))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
