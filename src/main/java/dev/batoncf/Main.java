package dev.batoncf;

import dev.batoncf.cli.CliContext;
import dev.batoncf.cli.ErrorReporter;
import dev.batoncf.cli.RootCommand;
import picocli.CommandLine;

/** Entry point: builds the command line, runs it, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(CliContext.system(), args));
  }

  /** Runs the CLI against the given context; tests call this directly. */
  public static int run(CliContext ctx, String... args) {
    CommandLine cmd = new CommandLine(new RootCommand(ctx))
        .setOut(ctx.out())
        .setErr(ctx.err())
        .setExecutionExceptionHandler(new ErrorReporter(ctx.err()))
        .setCaseInsensitiveEnumValuesAllowed(true);
    return cmd.execute(args);
  }
}
