package dev.batoncf.service;

import dev.batoncf.config.ConfigException;

/**
 * A ConductorOne client id, {@code <clientName>@<tokenHost>/<suffix>}, split as Baton's SDK splits
 * it: at the first {@code @}, then at the first {@code /}. The token host is the tenant's API host;
 * it is both where the token is fetched and the JWT audience.
 *
 * @param value the whole id, sent as iss, sub and client_id
 * @param clientName shown in the user agent
 * @param tokenHost host (possibly with a port) from the id
 */
public record ClientId(String value, String clientName, String tokenHost) {
  static final String FORMAT = "<name>@<host>/<suffix>";

  public static ClientId parse(String raw) {
    String v = raw == null ? "" : raw.trim();
    int at = v.indexOf('@');
    int slash = at < 0 ? -1 : v.indexOf('/', at + 1);
    if (at <= 0 || slash < 0 || slash == at + 1) {
      throw new ConfigException(
          "--client-id must look like "
              + FORMAT
              + " (the client id ConductorOne shows when it creates the credential)");
    }
    return new ClientId(v, v.substring(0, at), v.substring(at + 1, slash));
  }

  /** The JWT audience: the token host without a port, as Baton's SDK sends it. */
  public String audience() {
    return HostPort.parse(tokenHost, HostPort.HTTPS_PORT).host();
  }
}
