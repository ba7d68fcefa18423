package dev.batoncf.service;

import dev.batoncf.config.ConfigException;

/**
 * {@code host}, {@code host:port} or {@code [v6]:port}, as {@code BATON_C1_API_HOST} and client ids
 * carry them; without a port the default applies (443, as Baton's SDK assumes).
 */
public record HostPort(String host, int port) {
  public static final int HTTPS_PORT = 443;

  public static HostPort parse(String text, int defaultPort) {
    String t = text == null ? "" : text.trim();
    String host = t;
    int port = defaultPort;
    if (t.startsWith("[")) {
      int end = t.indexOf(']');
      if (end < 0) {
        throw bad(t);
      }
      host = t.substring(1, end);
      String rest = t.substring(end + 1);
      if (!rest.isEmpty()) {
        port = rest.startsWith(":") ? port(rest.substring(1), t) : -1;
      }
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      port = port(t.substring(t.indexOf(':') + 1), t);
    }
    if (host.isBlank() || port < 1 || port > 65535 || host.contains("/")) {
      throw bad(t);
    }
    return new HostPort(host, port);
  }

  private static int port(String s, String whole) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw bad(whole);
    }
  }

  private static ConfigException bad(String t) {
    return new ConfigException(
        "'"
            + t
            + "' is not a host or host:port (e.g. tenant.conductor.one"
            + " or 127.0.0.1:8443)");
  }

  /** For URLs and log lines: IPv6 in brackets. */
  public String authority() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return authority();
  }
}
