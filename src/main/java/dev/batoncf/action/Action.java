package dev.batoncf.action;

import dev.batoncf.pb.connector.v2.BatonActionSchema;

/**
 * One security action. Invocation has two steps so that nothing is sent until everything is known
 * to be acceptable: {@link #prepare} checks every argument without I/O and says whether the call
 * writes; the registry refuses writes without provisioning; only then does the prepared step run
 * against Cloudflare.
 */
public interface Action {

  /** Name, arguments (typed, required or not), constraints and result fields. */
  BatonActionSchema schema();

  /**
   * Validates the arguments and returns the call to make. No I/O.
   *
   * @throws ActionArgumentException naming the first bad argument
   */
  PreparedAction prepare(ActionArgs args);

  default String name() {
    return schema().getName();
  }
}
