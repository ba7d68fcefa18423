package dev.batoncf.action;

/**
 * One argument is missing, unknown or invalid. The message names it: {@code argument 'ip': not an
 * IPv4 or IPv6 address}. Nothing was sent.
 */
public final class ActionArgumentException extends ActionException {
  private final String argument;

  public ActionArgumentException(String argument, String problem) {
    super("argument '" + argument + "': " + problem);
    this.argument = argument;
  }

  /** The argument's schema name. */
  public String argument() {
    return argument;
  }
}
