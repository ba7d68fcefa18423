package dev.batoncf.service;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import dev.batoncf.server.GrpcErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns a failed task into FinishTask's status. A failure retrying cannot fix (a malformed task, a
 * refused change, a missing permission, something unsupported) is {@code non_retryable}; a
 * transient one (Cloudflare or the network unavailable, a cancellation, a deadline) is not, so the
 * host may schedule the task again. Provisioning is idempotent here, so retrying a transient
 * failure is safe.
 */
final class Failures {
  private static final Set<Status.Code> PERMANENT =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.NOT_FOUND,
          Status.Code.ALREADY_EXISTS,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.UNIMPLEMENTED,
          Status.Code.OUT_OF_RANGE);

  private final GrpcErrors errors = new GrpcErrors(Clock.systemUTC());

  static boolean permanent(Status.Code code) {
    return PERMANENT.contains(code);
  }

  /** A status from a call, or any other failure mapped as the gRPC server maps it. */
  TaskOutcome.Failure of(Throwable e, Any response) {
    StatusRuntimeException s = errors.toStatus(e);
    com.google.rpc.Status proto = StatusProto.fromThrowable(s);
    if (proto == null) {
      proto =
          com.google.rpc.Status.newBuilder()
              .setCode(s.getStatus().getCode().value())
              .setMessage(nullToEmpty(s.getStatus().getDescription()))
              .build();
    }
    return new TaskOutcome.Failure(proto, permanent(s.getStatus().getCode()), response);
  }

  static TaskOutcome.Failure cancelled(String reason) {
    return TaskOutcome.Failure.of(Code.CANCELLED, "the task was stopped: " + reason, false);
  }

  static TaskOutcome.Failure malformed(String message) {
    return TaskOutcome.Failure.of(Code.INVALID_ARGUMENT, message, true);
  }

  static TaskOutcome.Failure unsupported(String message) {
    return TaskOutcome.Failure.of(Code.UNIMPLEMENTED, message, true);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
