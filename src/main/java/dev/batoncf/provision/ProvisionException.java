package dev.batoncf.provision;

/**
 * A provisioning request that cannot be carried out as asked. Its kind lets the CLI choose the exit
 * code and the gRPC server the status, without reading the message.
 */
public final class ProvisionException extends RuntimeException {
  /** Why the request failed. */
  public enum Kind {
    INVALID_ARGUMENT,
    NOT_FOUND,
    FAILED_PRECONDITION,
    UNSUPPORTED
  }

  private final Kind kind;

  public ProvisionException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static ProvisionException invalid(String message) {
    return new ProvisionException(Kind.INVALID_ARGUMENT, message);
  }

  public static ProvisionException notFound(String message) {
    return new ProvisionException(Kind.NOT_FOUND, message);
  }
}
