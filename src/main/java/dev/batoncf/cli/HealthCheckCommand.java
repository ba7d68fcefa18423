package dev.batoncf.cli;

import dev.batoncf.config.ConfigException;
import dev.batoncf.health.DurationText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code health-check}: Baton's client for a running health server, for exec probes and scripts.
 * Prints the answer's body; exits 0 on HTTP 200 and 1 otherwise.
 */
@Command(
    name = "health-check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Ask a running daemon's health server; exit 0 when healthy, 1 otherwise.")
final class HealthCheckCommand implements Callable<Integer> {
  static final List<String> ENDPOINTS = List.of("health", "ready", "live");

  @ParentCommand RootCommand root;

  @Option(
      names = "--endpoint",
      paramLabel = "NAME",
      description = "health, ready or live (default health)")
  String endpoint = "health";

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long to wait for the answer (default 5; seconds or e.g. 500ms)")
  String timeout = "5";

  @Mixin HealthOptions health = new HealthOptions();

  @Override
  public Integer call() throws InterruptedException {
    CliContext ctx = root.context();
    if (!ENDPOINTS.contains(endpoint)) {
      throw new ConfigException("invalid endpoint: " + endpoint + " (valid: health, ready, live)");
    }
    Duration wait;
    try {
      wait = DurationText.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--timeout: " + e.getMessage());
    }
    if (wait.isZero()) {
      throw new ConfigException("--timeout must be more than 0");
    }
    URI uri = uri(health.address(), "/" + endpoint);
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(wait).proxy(HttpClient.Builder.NO_PROXY).build();
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(wait).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ErrorReporter.OperationException(
          "health check failed: no answer from "
              + uri
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")",
          e);
    }
    ctx.out().print(response.body());
    ctx.out().flush();
    if (response.statusCode() != 200) {
      throw new ErrorReporter.OperationException(
          "health check returned status " + response.statusCode() + " from " + uri, null);
    }
    return ExitCodes.OK;
  }

  /** A wildcard bind address means "this machine": ask loopback. */
  static URI uri(InetSocketAddress bound, String path) {
    var addr = bound.getAddress();
    String host;
    if (addr.isAnyLocalAddress()) {
      host = addr instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1";
    } else {
      String h = addr.getHostAddress();
      host = h.contains(":") ? "[" + h + "]" : h;
    }
    return URI.create("http://" + host + ":" + bound.getPort() + path);
  }
}
