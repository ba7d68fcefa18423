package dev.batoncf.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command needs from the outside world, injected so tests can capture output and set the
 * environment without touching the real process.
 *
 * @param terminal whether stderr is an interactive terminal (progress is drawn only then)
 */
public record CliContext(Map<String, String> env, PrintWriter out, PrintWriter err,
                         boolean terminal) {
  public static CliContext system() {
    return new CliContext(System.getenv(), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), System.console() != null);
  }
}
