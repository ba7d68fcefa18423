package dev.batoncf.config;

import dev.batoncf.cloudflare.Credentials;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated configuration of one run. Immutable; secrets sit inside {@link Credentials} whose
 * toString never shows them.
 */
public record Settings(
    String accountId,
    Credentials credentials,
    String baseUrl,
    Path file,
    String logLevel,
    String logFormat,
    boolean provisioning,
    boolean zeroTrust,
    int rateLimitRequests,
    Duration rateLimitWindow,
    Duration retryDeadline,
    Duration rateLimitLockout,
    int keepPreviousSyncs,
    java.util.List<String> scimGroups) {

  public Settings {
    scimGroups = scimGroups == null ? java.util.List.of() : java.util.List.copyOf(scimGroups);
  }

  public Settings withScimGroups(java.util.List<String> patterns) {
    return new Settings(
        accountId,
        credentials,
        baseUrl,
        file,
        logLevel,
        logFormat,
        provisioning,
        zeroTrust,
        rateLimitRequests,
        rateLimitWindow,
        retryDeadline,
        rateLimitLockout,
        keepPreviousSyncs,
        patterns);
  }

  public Settings withConnection(String newAccountId, Credentials newCredentials, String newBase) {
    return new Settings(
        newAccountId,
        newCredentials,
        newBase,
        file,
        logLevel,
        logFormat,
        provisioning,
        zeroTrust,
        rateLimitRequests,
        rateLimitWindow,
        retryDeadline,
        rateLimitLockout,
        keepPreviousSyncs,
        scimGroups);
  }
}
