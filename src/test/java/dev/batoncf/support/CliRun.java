package dev.batoncf.support;

import dev.batoncf.Main;
import dev.batoncf.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process with captured stdout/stderr and a chosen environment. */
public record CliRun(int code, String out, String err) {

  public static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(env, new PrintWriter(out, true), new PrintWriter(err, true), false);
    int code = Main.run(ctx, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  public static CliRun run(String... args) {
    return run(Map.of(), args);
  }

  /** For assertion messages: everything the user saw. */
  public String both() {
    return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }

  /** The stderr lines that are not log lines (JSON logs start with '{'). */
  public java.util.List<String> errorLines() {
    return err.lines().filter(l -> l.startsWith("error:")).toList();
  }
}
