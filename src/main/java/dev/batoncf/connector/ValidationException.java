package dev.batoncf.connector;

/** The credentials or the account id do not work; the message says what to fix, in one line. */
public final class ValidationException extends RuntimeException {
  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
