package dev.batoncf.server;

import dev.batoncf.config.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

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
      throw new ConfigException(
          "--listen must be host:port with a port from 0 to 65535, not '" + t + "'");
    }
    return new ListenAddress(host, port);
  }

  /** The first address the host resolves to: the one the server binds. */
  public InetSocketAddress resolve() {
    return new InetSocketAddress(addresses().get(0), port);
  }

  /** Every address the host resolves to (one for a literal). */
  public List<InetAddress> addresses() {
    try {
      return List.of(InetAddress.getAllByName(host));
    } catch (UnknownHostException e) {
      throw new ConfigException("--listen: cannot resolve host '" + host + "'");
    }
  }

  /**
   * Reachable from this machine only: every address the host resolves to is loopback (127.0.0.0/8
   * or ::1), so {@code localhost} counts only while it resolves to nothing else. The wildcards
   * 0.0.0.0 and :: mean every interface and are not loopback.
   */
  public boolean loopback() {
    return allLoopback(addresses());
  }

  /** True for a non-empty list of loopback addresses only. */
  public static boolean allLoopback(List<InetAddress> addresses) {
    return !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
