package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.config.ConfigException;
import dev.batoncf.connector.ValidationException;
import dev.batoncf.provision.ProvisionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The single place that turns a failure into one line on stderr and an exit code: 2 for usage and
 * configuration, 1 for everything found at run time. Stack traces only at debug level.
 */
public final class ErrorReporter implements IExecutionExceptionHandler {
  private final PrintWriter err;
  private final boolean debug;

  public ErrorReporter(PrintWriter err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    int code = exitCode(ex);
    err.println("error: " + ConsoleText.escape(oneLine(ex)));
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /**
   * A flag picocli cannot parse (unknown option, bad value, missing parameter): one line that says
   * so and where to look, exit 2, instead of the whole usage text.
   */
  public static CommandLine.IParameterExceptionHandler parameters(PrintWriter err) {
    return (ex, args) -> {
      String help = ex.getCommandLine().getCommandName();
      CommandLine parent = ex.getCommandLine().getParent();
      String cmd = parent == null ? help : parent.getCommandName() + " " + help;
      err.println("error: " + ConsoleText.escape(oneLine(ex)) + " (see " + cmd + " --help)");
      err.flush();
      return ExitCodes.USAGE;
    };
  }

  static int exitCode(Throwable ex) {
    if (ex instanceof ConfigException
        || ex instanceof UsageException
        || ex instanceof CloudflareException.NotTheApi) {
      return ExitCodes.USAGE; // NotTheApi: --base-url points somewhere that is not the API
    }
    if (ex instanceof ProvisionException p
        && (p.kind() == ProvisionException.Kind.INVALID_ARGUMENT
            || p.kind() == ProvisionException.Kind.UNSUPPORTED)) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.RUNTIME;
  }

  static String oneLine(Throwable ex) {
    String msg;
    if (ex instanceof ConfigException
        || ex instanceof UsageException
        || ex instanceof CommandLine.ParameterException
        || ex instanceof ValidationException
        || ex instanceof CloudflareException
        || ex instanceof OperationException
        || ex instanceof ProvisionException) {
      msg = ex.getMessage();
    } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
      msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    } else {
      msg =
          "unexpected "
              + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }
    return msg == null ? ex.getClass().getSimpleName() : msg.replace('\n', ' ').replace('\r', ' ');
  }

  /** A wrong combination of flags discovered after parsing. Exit code 2. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** A run-time failure with a message already written for the user. Exit code 1. */
  public static final class OperationException extends RuntimeException {
    public OperationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
