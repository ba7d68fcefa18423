package dev.batoncf.server;

import dev.batoncf.config.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the server listens: {@code host:port}, {@code [v6]:port}. Port 0 picks a free port.
 *
 * @param host a literal address or a name resolved once at startup
 */
public record ListenAddress(String host, int port) {
  public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 50051);

  public static ListenAddress parse(String text) {
    String t = text == null ? "" : text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new ConfigException(
          "--listen must be host:port, e.g. 127.0.0.1:50051, not '" + t + "'");
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new ConfigException("--listen: write an IPv6 address in brackets, e.g. [::1]:50051");
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535 || host.isBlank()) {
      throw new ConfigException("--listen must be host:port with a port from 0 to 65535, not '"
          + t + "'");
    }
    return new ListenAddress(host, port);
  }

  public InetSocketAddress resolve() {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new ConfigException("--listen: cannot resolve host '" + host + "'");
    }
  }

  /** Reachable from this machine only (127.0.0.0/8, ::1, or a name that resolves there). */
  public boolean loopback() {
    return resolve().getAddress().isLoopbackAddress();
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
