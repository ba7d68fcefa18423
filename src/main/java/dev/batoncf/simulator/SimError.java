package dev.batoncf.simulator;

/**
 * A Cloudflare-style failure raised by a handler: HTTP status plus one envelope error. The
 * dispatcher turns it into {@code {"success":false,"errors":[{code,message}],"result":null}}.
 */
final class SimError extends RuntimeException {
  private final int status;
  private final int code;

  SimError(int status, int code, String message) {
    super(message, null, false, false); // no stack trace: these are expected answers, not bugs
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  int code() {
    return code;
  }

  static SimError validation(String what) {
    return new SimError(400, Wire.CODE_VALIDATION, "Invalid request: " + what);
  }

  static SimError notFound(String what) {
    return new SimError(404, Wire.CODE_NOT_FOUND, what + " not found");
  }
}
