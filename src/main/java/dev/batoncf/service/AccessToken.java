package dev.batoncf.service;

import dev.batoncf.cloudflare.Secret;
import java.time.Instant;
import java.util.Locale;

/**
 * A token from the host's token endpoint.
 *
 * @param type token_type as normalised by Go's oauth2 (empty means Bearer)
 * @param refreshAt when to fetch the next one (before it expires)
 */
record AccessToken(String type, Secret value, Instant expiresAt, Instant refreshAt) {
  /** The {@code authorization} metadata value: {@code <type> <token>}. */
  String header() {
    return type + " " + value.reveal();
  }

  /** Go's oauth2 Token.Type(): Bearer by default, canonical case for the usual names. */
  static String normaliseType(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "Bearer";
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "bearer" -> "Bearer";
      case "mac" -> "MAC";
      case "basic" -> "Basic";
      default -> raw;
    };
  }

  @Override
  public String toString() {
    return "AccessToken[" + type + " ****, expires " + expiresAt + "]";
  }
}
