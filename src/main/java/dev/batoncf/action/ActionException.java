package dev.batoncf.action;

/**
 * Why an action was not run. The subtype tells the CLI its exit code and the gRPC service its
 * status, without anyone reading the message. Messages are one line and never hold a secret.
 */
public abstract sealed class ActionException extends RuntimeException
    permits ActionArgumentException, UnknownActionException, WriteRefusedException {

  protected ActionException(String message) {
    super(message);
  }
}
