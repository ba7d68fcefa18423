package dev.batoncf.service;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import java.util.List;

/** How a task ended, as FinishTask reports it. */
sealed interface TaskOutcome {

  /** FinishTask success, with the connector's response packed as Any (null for a sync). */
  record Success(Any response, List<Any> annotations) implements TaskOutcome {
    public Success {
      annotations = List.copyOf(annotations);
    }
  }

  /**
   * FinishTask error: a {@code google.rpc.Status}, and whether retrying the task is pointless.
   *
   * @param response the connector's response when it had one (a failed action), else null
   */
  record Failure(com.google.rpc.Status status, boolean nonRetryable, Any response)
      implements TaskOutcome {
    static Failure of(Code code, String message, boolean nonRetryable) {
      return new Failure(
          com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message).build(),
          nonRetryable,
          null);
    }
  }

  /** Nothing to finish: a Hello task is answered by the Hello itself, as in Baton's SDK. */
  record Answered() implements TaskOutcome {}
}
