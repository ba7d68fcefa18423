package dev.batoncf.config;

import java.util.Locale;

/**
 * Every setting, once: its flag name (also the YAML key), its env var, whether it is a secret and
 * what it means. The CLI, the YAML reader, the env lookup and the `config` schema all use this.
 */
public enum Key {
  ACCOUNT_ID("account-id", "string", false, "Cloudflare account id (32 hex characters)", null),
  API_TOKEN(
      "api-token",
      "string",
      true,
      "Cloudflare API token (Authorization: Bearer); use this or email + api-key",
      null),
  EMAIL("email", "string", false, "Login email for the global API key auth mode", null),
  API_KEY("api-key", "string", true, "Cloudflare global API key (with email)", null),
  BASE_URL(
      "base-url",
      "string",
      false,
      "Cloudflare API base URL; https required unless loopback",
      "https://api.cloudflare.com/client/v4"),
  FILE("file", "string", false, "Path of the c1z file a sync writes", "sync.c1z"),
  LOG_LEVEL("log-level", "string", false, "error, warn, info, debug or trace", "info"),
  LOG_FORMAT(
      "log-format",
      "string",
      false,
      "console or json (default: console on a terminal, json otherwise)",
      null),
  PROVISIONING(
      "provisioning",
      "boolean",
      false,
      "Allow writes (grant, revoke, invite, delete); without it every write is refused",
      "false"),
  ZERO_TRUST("zero-trust", "boolean", false, "Sync Zero Trust Access users and groups", "true"),
  RATE_LIMIT_REQUESTS(
      "rate-limit-requests",
      "integer",
      false,
      "Requests allowed per rate-limit window (Cloudflare allows 1200 per 5 minutes)",
      "1100"),
  RATE_LIMIT_WINDOW_SECONDS(
      "rate-limit-window-seconds",
      "integer",
      false,
      "Length of the rate-limit window in seconds",
      "300"),
  RETRY_DEADLINE_SECONDS(
      "retry-deadline-seconds",
      "integer",
      false,
      "How long one call may keep retrying 429/5xx/network errors (a 429 lockout lasts 5 minutes)",
      "360"),
  RATE_LIMIT_LOCKOUT_SECONDS(
      "rate-limit-lockout-seconds",
      "integer",
      false,
      "How long a 429 that names no wait blocks the credential (Cloudflare: 5 minutes); waited "
          + "out within the retry deadline, else the call fails at once saying when to retry",
      "300"),
  KEEP_PREVIOUS_SYNCS(
      "keep-previous-syncs",
      "integer",
      false,
      "Earlier syncs of the same account that --file keeps next to the new one, so one file "
          + "diffs (Baton's default keeps 1); 0 keeps only the new sync",
      "1"),
  SCIM_GROUPS(
      "scim-groups",
      "string",
      false,
      "IAM user groups an identity provider owns through SCIM: comma-separated names, * as "
          + "wildcard, case-insensitive (groups named CF-… or cloudflare-v1-… always count); "
          + "their memberships are immutable and provisioning refuses them",
      null);

  private final String flag;
  private final String type;
  private final boolean secret;
  private final String description;
  private final String defaultValue;

  Key(String flag, String type, boolean secret, String description, String defaultValue) {
    this.flag = flag;
    this.type = type;
    this.secret = secret;
    this.description = description;
    this.defaultValue = defaultValue;
  }

  /** The flag without dashes, which is also the YAML key. */
  public String flag() {
    return flag;
  }

  /** BATON_ + upper-case flag with '-' as '_' (Baton's convention). */
  public String env() {
    return "BATON_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  public String type() {
    return type;
  }

  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public static Key byFlag(String flag) {
    for (Key k : values()) {
      if (k.flag.equals(flag)) {
        return k;
      }
    }
    return null;
  }
}
