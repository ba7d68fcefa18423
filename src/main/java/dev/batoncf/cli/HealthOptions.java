package dev.batoncf.cli;

import dev.batoncf.config.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/**
 * Baton's health-server flags ({@code --health-check}, {@code --health-check-port},
 * {@code --health-check-bind-address}), shared by the modes that serve health and by the
 * {@code health-check} client, which uses the same two to find the server.
 */
final class HealthOptions {
  static final int DEFAULT_PORT = 8081;
  static final String DEFAULT_BIND = "127.0.0.1";

  @Option(names = "--health-check", description = "Serve /health, /ready, /live and /metrics over HTTP")
  boolean enabled;

  @Option(names = "--health-check-port", paramLabel = "PORT", description = "Port of the health server (default 8081; 0 = any free port)")
  int port = DEFAULT_PORT;

  @Option(names = "--health-check-bind-address", paramLabel = "ADDRESS", description = "Address the health server binds (default 127.0.0.1; any other must be given here explicitly)")
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

  @Override
  public String toString() {
    return "HealthOptions[" + bindAddress + ":" + port + ", enabled=" + enabled + "]";
  }
}
