package dev.batoncf;

import dev.batoncf.cli.CliContext;
import dev.batoncf.cli.ErrorReporter;
import dev.batoncf.cli.LogSetup;
import dev.batoncf.cli.RootCommand;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** Entry point: builds the command line, runs it, exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(CliContext.system(), args));
  }

  /** Runs the CLI against the given context; tests call this directly. */
  public static int run(CliContext ctx, String... args) {
    // Logging is set up before parsing so that even a configuration error is reported at the
    // level the user asked for; commands refine it once their settings are known.
    String level = requestedLogLevel(ctx, args);
    LogSetup.configure(level, ctx.terminal() ? "console" : "json", ctx.err(), List.of());
    boolean debug = level.equals("debug") || level.equals("trace");
    CommandLine cmd =
        new CommandLine(new RootCommand(ctx))
            .setOut(ctx.out())
            .setErr(ctx.err())
            .setExecutionExceptionHandler(new ErrorReporter(ctx.err(), debug))
            .setParameterExceptionHandler(ErrorReporter.parameters(ctx.err()))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .registerConverter(Path.class, Main::path);
    return cmd.execute(args);
  }

  /**
   * A path flag: the OS's reason in words, not picocli's "cannot convert … InvalidPathException".
   */
  static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException("not a valid path (" + e.getReason() + ")");
    }
  }

  static String requestedLogLevel(CliContext ctx, String... args) {
    String level = ctx.env().getOrDefault("BATON_LOG_LEVEL", "info");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--log-level") && i + 1 < args.length) {
        level = args[i + 1];
      } else if (args[i].startsWith("--log-level=")) {
        level = args[i].substring("--log-level=".length());
      }
    }
    return level.toLowerCase(Locale.ROOT);
  }
}
