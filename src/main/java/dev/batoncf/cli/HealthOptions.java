package dev.batoncf.cli;

import dev.batoncf.config.ConfigException;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.health.CredentialCheck;
import dev.batoncf.health.HealthServer;
import dev.batoncf.health.HealthSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Baton's health-server flags ({@code --health-check}, {@code --health-check-port}, {@code
 * --health-check-bind-address}), shared by the modes that serve health and by the {@code
 * health-check} client, which uses the same two to find the server.
 */
final class HealthOptions {
  private static final Logger log = LoggerFactory.getLogger(HealthOptions.class);
  static final int DEFAULT_PORT = 8081;
  static final String DEFAULT_BIND = "127.0.0.1";

  @Option(
      names = "--health-check",
      description = "Serve /health, /ready, /live and /metrics over HTTP")
  boolean enabled;

  @Option(
      names = "--health-check-port",
      paramLabel = "PORT",
      description = "Port of the health server (default 8081; 0 = any free port)")
  int port = DEFAULT_PORT;

  @Option(
      names = "--health-check-bind-address",
      paramLabel = "ADDRESS",
      description =
          "Address the health server binds (default 127.0.0.1; any other must be given here explicitly)")
  String bindAddress = DEFAULT_BIND;

  /** The address to bind; a bad port or an unknown host is a one-line ConfigException. */
  InetSocketAddress address() {
    if (port < 0 || port > 65535) {
      throw new ConfigException("--health-check-port must be from 0 to 65535, not " + port);
    }
    String host = bindAddress == null ? "" : bindAddress.trim();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new ConfigException("--health-check-bind-address must not be empty");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new ConfigException("--health-check-bind-address: cannot resolve '" + host + "'");
    }
  }

  /**
   * Starts the health server for a long-running mode: {@code source} builds that mode's answers
   * around the shared, cached Cloudflare credential check. Prints the URL on stdout.
   */
  HealthServer start(
      CliContext ctx,
      InetSocketAddress address,
      Function<CredentialCheck, HealthSource> source,
      CloudflareConnector connector,
      Clock clock) {
    if (!address.getAddress().isLoopbackAddress()) {
      log.warn(
          "health endpoints on {} are reachable from the network: they show status and"
              + " metrics (never credentials)",
          address);
    }
    CredentialCheck check =
        new CredentialCheck(
            connector::validate,
            CredentialCheck.DEFAULT_TTL,
            CredentialCheck.DEFAULT_TIMEOUT,
            clock,
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "credential-check");
                  t.setDaemon(true);
                  return t;
                }));
    HealthServer hs;
    try {
      hs = HealthServer.start(address, source.apply(check), clock);
    } catch (IOException e) {
      throw new ErrorReporter.OperationException(
          "could not start the health server on " + address + ": " + e.getMessage(), e);
    }
    ctx.out().println("health checks on " + hs.url() + " (/health /ready /live /metrics)");
    return hs;
  }

  @Override
  public String toString() {
    return "HealthOptions[" + bindAddress + ":" + port + ", enabled=" + enabled + "]";
  }
}
