package dev.batoncf.service;

/**
 * Service mode stopped because retrying cannot help: the host refused the credentials or the client
 * (revoked, wrong tenant). The message is one line for the user. Exit code 1.
 */
public final class ServiceException extends RuntimeException {
  public ServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
