package dev.batoncf.server;

import io.grpc.Status;

/**
 * Bounds on the strings a request names, checked before anything else uses them, so a hostile id is
 * INVALID_ARGUMENT instead of a snapshot walk, a Cloudflare request, or an error message that
 * echoes megabytes back. Cloudflare's ids are 32 hex characters or UUIDs; the bounds are far above
 * that.
 */
final class RequestChecks {
  static final int MAX_TYPE_ID = 128;
  static final int MAX_ID = 1024;

  /** The longest address SMTP carries (RFC 5321: 254 characters in a path). */
  static final int MAX_EMAIL = 254;

  private RequestChecks() {}

  /** A resource type id: required, at most {@link #MAX_TYPE_ID} characters. */
  static String typeId(String field, String value) {
    return bounded(field, value, MAX_TYPE_ID);
  }

  /** A resource, entitlement or grant id: required, at most {@link #MAX_ID} characters. */
  static String id(String field, String value) {
    return bounded(field, value, MAX_ID);
  }

  static String email(String value) {
    return bounded("email", value, MAX_EMAIL);
  }

  private static String bounded(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      throw invalid(field + " is required");
    }
    if (value.length() > max) {
      throw invalid(field + " is longer than " + max + " characters");
    }
    return value;
  }

  static RuntimeException invalid(String why) {
    return Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException();
  }
}
