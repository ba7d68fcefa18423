package dev.batoncf.cli;

import dev.batoncf.config.Key;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The connection and runtime flags shared by every command that talks to Cloudflare. */
public final class ConnectionOptions {
  @Option(
      names = "--account-id",
      paramLabel = "ID",
      description = "Cloudflare account id (env BATON_ACCOUNT_ID)")
  String accountId;

  @Option(
      names = "--api-token",
      paramLabel = "TOKEN",
      description = "API token (env BATON_API_TOKEN)")
  String apiToken;

  @Option(
      names = "--email",
      paramLabel = "EMAIL",
      description = "Login email for the global API key (env BATON_EMAIL)")
  String email;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "Global API key (env BATON_API_KEY)")
  String apiKey;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "API base URL (env BATON_BASE_URL)")
  String baseUrl;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML file with the same keys (env BATON_CONFIG_PATH)")
  Path config;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "c1z file to write (env BATON_FILE, default sync.c1z)")
  String file;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "error|warn|info|debug|trace (env BATON_LOG_LEVEL)")
  String logLevel;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "console|json (env BATON_LOG_FORMAT)")
  String logFormat;

  @Option(
      names = {"-p", "--provisioning"},
      description = "Allow writes (env BATON_PROVISIONING)")
  Boolean provisioning;

  @Option(
      names = "--zero-trust",
      paramLabel = "BOOL",
      arity = "1",
      description = "Sync Zero Trust Access users and groups (default true)")
  String zeroTrust;

  @Option(
      names = "--rate-limit-requests",
      paramLabel = "N",
      description = "Requests per window (default 1100)")
  String rateLimitRequests;

  @Option(
      names = "--rate-limit-window-seconds",
      paramLabel = "S",
      description = "Window length (default 300)")
  String rateLimitWindowSeconds;

  @Option(
      names = "--retry-deadline-seconds",
      paramLabel = "S",
      description = "Retry budget per call (default 360)")
  String retryDeadlineSeconds;

  @Option(
      names = "--rate-limit-lockout-seconds",
      paramLabel = "S",
      description = "Wait after a 429 that names no wait (default 300, Cloudflare's block)")
  String rateLimitLockoutSeconds;

  @Option(
      names = "--keep-previous-syncs",
      paramLabel = "N",
      description =
          "Earlier syncs of the same account kept in --file with the new one (default 1; 0: only the new)")
  String keepPreviousSyncs;

  @Option(
      names = "--scim-groups",
      paramLabel = "PATTERNS",
      description =
          "IAM user groups owned by the IdP through SCIM: comma-separated names, * wildcard (env BATON_SCIM_GROUPS)")
  String scimGroups;

  /** The flags that were given, for the settings loader (which adds env and YAML). */
  public Map<Key, String> given() {
    Map<Key, String> m = new EnumMap<>(Key.class);
    put(m, Key.ACCOUNT_ID, accountId);
    put(m, Key.API_TOKEN, apiToken);
    put(m, Key.EMAIL, email);
    put(m, Key.API_KEY, apiKey);
    put(m, Key.BASE_URL, baseUrl);
    put(m, Key.FILE, file);
    put(m, Key.LOG_LEVEL, logLevel);
    put(m, Key.LOG_FORMAT, logFormat);
    put(m, Key.PROVISIONING, provisioning == null ? null : provisioning.toString());
    put(m, Key.ZERO_TRUST, zeroTrust);
    put(m, Key.RATE_LIMIT_REQUESTS, rateLimitRequests);
    put(m, Key.RATE_LIMIT_WINDOW_SECONDS, rateLimitWindowSeconds);
    put(m, Key.RETRY_DEADLINE_SECONDS, retryDeadlineSeconds);
    put(m, Key.RATE_LIMIT_LOCKOUT_SECONDS, rateLimitLockoutSeconds);
    put(m, Key.KEEP_PREVIOUS_SYNCS, keepPreviousSyncs);
    put(m, Key.SCIM_GROUPS, scimGroups);
    return m;
  }

  private static void put(Map<Key, String> m, Key k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  @Override
  public String toString() {
    return "ConnectionOptions[secrets redacted]";
  }
}
