package dev.batoncf.cloudflare;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every failure of a Cloudflare call, classified once by the HTTP stack. Callers branch on the
 * subtype or on {@link #hasCode(int)}, never on message text. Messages never contain secrets.
 */
public abstract sealed class CloudflareException extends RuntimeException {
  private final String endpoint;
  private final int httpStatus;
  private final List<ApiError> errors;

  protected CloudflareException(
      String message, String endpoint, int httpStatus, List<ApiError> errors, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** "GET /accounts/{account_id}/members": method and path template, no query, no ids. */
  public String endpoint() {
    return endpoint;
  }

  /** HTTP status, or 0 when no response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  public List<ApiError> errors() {
    return errors;
  }

  public boolean hasCode(int code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }

  static String describe(String summary, String endpoint, int status, List<ApiError> errors) {
    StringBuilder sb = new StringBuilder(summary);
    if (endpoint != null) {
      sb.append(" (").append(endpoint);
      if (status > 0) {
        sb.append(" -> HTTP ").append(status);
      }
      sb.append(')');
    }
    if (errors != null && !errors.isEmpty()) {
      sb.append(": ");
      for (int i = 0; i < errors.size(); i++) {
        if (i > 0) {
          sb.append("; ");
        }
        sb.append(errors.get(i));
      }
    }
    return sb.toString();
  }

  /** 401, or Cloudflare code 10000 on a bad credential. */
  public static final class Unauthenticated extends CloudflareException {
    public Unauthenticated(String endpoint, int status, List<ApiError> errors) {
      super(
          describe("Cloudflare rejected the credentials", endpoint, status, errors),
          endpoint,
          status,
          errors,
          null);
    }
  }

  /** 403: the credential is valid but lacks a permission, or the account is not visible. */
  public static final class PermissionDenied extends CloudflareException {
    public PermissionDenied(String endpoint, int status, List<ApiError> errors) {
      super(
          describe("Cloudflare denied the request (missing permission?)", endpoint, status, errors),
          endpoint,
          status,
          errors,
          null);
    }
  }

  /** 404. */
  public static final class NotFound extends CloudflareException {
    public NotFound(String endpoint, int status, List<ApiError> errors) {
      super(describe("not found", endpoint, status, errors), endpoint, status, errors, null);
    }
  }

  /**
   * A 404 that is not Cloudflare's JSON envelope (an HTML page): the request did not reach the API,
   * so --base-url is wrong (most often it lacks /client/v4). Not a {@link NotFound}: it says
   * nothing about the object asked for, so "404 counts as done" must never apply.
   */
  public static final class NotTheApi extends CloudflareException {
    public NotTheApi(String endpoint, int status) {
      super(
          describe(
              "the base URL did not answer like Cloudflare's API (a 404 page, not its "
                  + "JSON): --base-url must be the API root, e.g. "
                  + "https://api.cloudflare.com/client/v4",
              endpoint,
              status,
              List.of()),
          endpoint,
          status,
          List.of(),
          null);
    }
  }

  /** 429 that outlasted the retry deadline, or a lockout the deadline cannot cover. */
  public static final class RateLimited extends CloudflareException {
    private final Duration retryAfter;

    public RateLimited(String endpoint, List<ApiError> errors, Duration retryAfter) {
      this("Cloudflare rate limit still in force after retrying", endpoint, errors, retryAfter);
    }

    /**
     * @param summary what happened and when to retry, e.g. "... blocked for 5m, longer than the
     *     retry deadline allows; retry after 12:05:00Z"
     */
    public RateLimited(
        String summary, String endpoint, List<ApiError> errors, Duration retryAfter) {
      super(describe(summary, endpoint, 429, errors), endpoint, 429, errors, null);
      this.retryAfter = retryAfter;
    }

    /** How long Cloudflare asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }

  /** Any other 4xx, or an envelope with {@code success:false}. */
  public static final class BadRequest extends CloudflareException {
    public BadRequest(String endpoint, int status, List<ApiError> errors) {
      super(
          describe("Cloudflare refused the request", endpoint, status, errors),
          endpoint,
          status,
          errors,
          null);
    }
  }

  /** 5xx that outlasted the retry deadline. */
  public static final class ServerError extends CloudflareException {
    public ServerError(String endpoint, int status, List<ApiError> errors) {
      super(
          describe("Cloudflare server error persisted after retrying", endpoint, status, errors),
          endpoint,
          status,
          errors,
          null);
    }
  }

  /** No usable response: connection refused, timeout, TLS failure. */
  public static final class Transport extends CloudflareException {
    public Transport(String endpoint, String what, Throwable cause) {
      super(
          describe("could not reach Cloudflare: " + what, endpoint, 0, List.of()),
          endpoint,
          0,
          List.of(),
          cause);
    }
  }

  /** A response that is not the JSON envelope the API documents. */
  public static final class Malformed extends CloudflareException {
    public Malformed(String endpoint, int status, String what) {
      super(
          describe("malformed response from Cloudflare: " + what, endpoint, status, List.of()),
          endpoint,
          status,
          List.of(),
          null);
    }
  }
}
