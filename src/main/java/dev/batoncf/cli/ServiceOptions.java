package dev.batoncf.cli;

import dev.batoncf.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Baton's service-mode flags. Either credential (flag or env) switches the root command to service
 * mode, as in Baton; both are then required.
 */
public final class ServiceOptions {
  static final String CLIENT_ID_ENV = "BATON_CLIENT_ID";
  static final String CLIENT_SECRET_ENV = "BATON_CLIENT_SECRET";
  static final String TASK_CONCURRENCY_ENV = "BATON_TASK_CONCURRENCY";
  static final String TEMP_DIR_ENV = "BATON_C1Z_TEMP_DIR";
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "ConductorOne client id <name>@<host>/<suffix>: run in service mode, polling the host for tasks (env "
              + CLIENT_ID_ENV
              + ")")
  String clientId;

  @Option(
      names = "--client-secret",
      paramLabel = "SECRET",
      description =
          "ConductorOne client secret secret-token:...:v1:... (env "
              + CLIENT_SECRET_ENV
              + "; prefer the env: arguments are visible to other users)")
  String clientSecret;

  @Option(
      names = "--task-concurrency",
      paramLabel = "N",
      description =
          "Service mode: tasks run at the same time (default 3, env " + TASK_CONCURRENCY_ENV + ")")
  String taskConcurrency;

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "DURATION",
      description =
          "Service mode: how long running tasks may finish after SIGTERM, e.g. 30s or 2m (default 30s)")
  String shutdownTimeout;

  @Option(
      names = "--c1z-temp-dir",
      paramLabel = "DIR",
      description =
          "Service mode: where sync files are built before upload (env "
              + TEMP_DIR_ENV
              + "; default the system temp directory)")
  Path tempDir;

  /** Whether service mode was asked for, by a flag or the environment. */
  boolean requested(Map<String, String> env) {
    return clientId(env) != null || clientSecret(env) != null;
  }

  String clientId(Map<String, String> env) {
    return first(clientId, env.get(CLIENT_ID_ENV));
  }

  String clientSecret(Map<String, String> env) {
    return first(clientSecret, env.get(CLIENT_SECRET_ENV));
  }

  /** The two credentials, checked to be there together. */
  void requireBoth(Map<String, String> env) {
    if (clientId(env) == null || clientSecret(env) == null) {
      throw new ConfigException(
          "--client-id and --client-secret are required together (or "
              + CLIENT_ID_ENV
              + " and "
              + CLIENT_SECRET_ENV
              + ")");
    }
  }

  int taskConcurrency(Map<String, String> env, int defaultValue) {
    String v = first(taskConcurrency, env.get(TASK_CONCURRENCY_ENV));
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1 && n <= 64) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ConfigException("--task-concurrency must be a whole number from 1 to 64");
  }

  Duration shutdownTimeout(Duration defaultValue) {
    return shutdownTimeout == null ? defaultValue : duration(shutdownTimeout);
  }

  Path tempDir(Map<String, String> env) {
    String v = tempDir != null ? tempDir.toString() : first(null, env.get(TEMP_DIR_ENV));
    return v == null ? null : Path.of(v);
  }

  /** "30" (seconds), "500ms", "30s", "2m", "1h". */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new ConfigException(
          "--shutdown-timeout must be a duration such as 30s, 2m or 500ms,"
              + " not '"
              + text.trim()
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private static String first(String flag, String env) {
    if (flag != null && !flag.isBlank()) {
      return flag.trim();
    }
    return env != null && !env.isBlank() ? env.trim() : null;
  }

  @Override
  public String toString() {
    return "ServiceOptions[secrets redacted]";
  }
}
