package dev.batoncf.server;

import com.google.protobuf.Any;
import com.google.protobuf.util.Timestamps;
import com.google.rpc.Code;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.connector.ValidationException;
import dev.batoncf.pb.connector.v2.RateLimitDescription;
import dev.batoncf.provision.ProvisionException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become gRPC statuses (baton-protocol.md §5.1): rate limits and transient
 * Cloudflare failures are UNAVAILABLE (the only code Baton retries), a rate limit with a {@link
 * RateLimitDescription} detail saying when to come back. Messages are the typed exceptions' own,
 * which name endpoints by template and never carry credentials; anything unexpected becomes
 * INTERNAL with a generic message and is logged here. Service mode maps a failed sync task with it
 * too.
 */
public final class GrpcErrors {
  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private final Clock clock;

  public GrpcErrors(Clock clock) {
    this.clock = clock;
  }

  /** Longest description sent back; ids in messages never make trailers overflow. */
  static final int MAX_DESCRIPTION = 1024;

  public StatusRuntimeException toStatus(Throwable e) {
    StatusRuntimeException s = map(e);
    String d = s.getStatus().getDescription();
    if (d == null || d.length() <= MAX_DESCRIPTION) {
      return s;
    }
    return s.getStatus()
        .withDescription(d.substring(0, MAX_DESCRIPTION - 1) + "…")
        .asRuntimeException(s.getTrailers());
  }

  private StatusRuntimeException map(Throwable e) {
    if (e instanceof StatusRuntimeException s) {
      return s;
    }
    if (e instanceof StatusException s) {
      return s.getStatus().asRuntimeException(s.getTrailers());
    }
    if (e instanceof ValidationException v && v.getCause() instanceof CloudflareException c) {
      return cloudflare(c, v.getMessage());
    }
    if (e instanceof CloudflareException c) {
      return cloudflare(c, c.getMessage());
    }
    if (e instanceof ProvisionException p) {
      Status s =
          switch (p.kind()) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case UNSUPPORTED -> Status.UNIMPLEMENTED;
          };
      return s.withDescription(p.getMessage()).asRuntimeException();
    }
    log.error("unexpected failure while serving a request", e);
    return Status.INTERNAL
        .withDescription(
            "internal error (" + e.getClass().getSimpleName() + "); see the server log")
        .asRuntimeException();
  }

  private StatusRuntimeException cloudflare(CloudflareException c, String message) {
    if (c instanceof CloudflareException.RateLimited r) {
      return rateLimited(r, message);
    }
    Status s;
    if (c instanceof CloudflareException.Unauthenticated) {
      s = Status.UNAUTHENTICATED;
    } else if (c instanceof CloudflareException.PermissionDenied) {
      s = Status.PERMISSION_DENIED;
    } else if (c instanceof CloudflareException.NotFound) {
      s = Status.NOT_FOUND;
    } else if (c instanceof CloudflareException.BadRequest) {
      s = Status.INVALID_ARGUMENT;
    } else if (c instanceof CloudflareException.ServerError
        || c instanceof CloudflareException.Transport) {
      s = Status.UNAVAILABLE;
    } else if (c instanceof CloudflareException.NotTheApi) {
      s = Status.FAILED_PRECONDITION; // the server's --base-url is wrong, not the request
    } else {
      // Malformed: a body that is not the documented envelope; retrying will not fix it.
      s = Status.INTERNAL;
    }
    return s.withDescription(message).asRuntimeException();
  }

  /** UNAVAILABLE with Baton's rate-limit detail; reset_at only when Cloudflare said when. */
  private StatusRuntimeException rateLimited(CloudflareException.RateLimited r, String message) {
    RateLimitDescription.Builder d =
        RateLimitDescription.newBuilder()
            .setStatus(RateLimitDescription.Status.STATUS_OVERLIMIT)
            .setRemaining(0);
    r.retryAfter()
        .ifPresent(wait -> d.setResetAt(Timestamps.fromMillis(clock.millis() + wait.toMillis())));
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(message + r.retryAfter().map(GrpcErrors::retryHint).orElse(""))
            .addDetails(Any.pack(d.build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }

  private static String retryHint(Duration wait) {
    return "; retry after " + Math.max(1, (wait.toMillis() + 999) / 1000) + "s";
  }
}
