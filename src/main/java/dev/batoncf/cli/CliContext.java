package dev.batoncf.cli;

import dev.batoncf.cloudflare.http.RateLimiters;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/**
 * What a command needs from the outside world, injected so tests can capture output and set the
 * environment without touching the real process.
 *
 * @param terminal whether stderr is an interactive terminal (progress is drawn only then)
 * @param rateLimiters the process's one limiter per credential: every Cloudflare client any command
 *     builds (sync, provisioning, actions, the server, parallel tasks) takes its limiter from here,
 *     so they share one budget and one 429 lockout
 */
public record CliContext(
    Map<String, String> env,
    PrintWriter out,
    PrintWriter err,
    boolean terminal,
    RateLimiters rateLimiters) {
  public CliContext {
    Objects.requireNonNull(rateLimiters, "rateLimiters");
  }

  /** A context with its own limiters (one process, one context). */
  public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {
    this(env, out, err, terminal, new RateLimiters());
  }

  /**
   * The process's streams. Stdout is UTF-8 whatever the locale: JSON, CSV and the HTML report must
   * be UTF-8, and under {@code LANG=C} the JVM's default would turn "José" into "Jos?".
   */
  public static CliContext system() {
    return new CliContext(
        System.getenv(),
        new PrintWriter(
            new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8),
            true),
        new PrintWriter(System.err, true),
        System.console() != null);
  }
}
