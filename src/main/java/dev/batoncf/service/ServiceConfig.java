package dev.batoncf.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything service mode needs besides the Cloudflare connector.
 *
 * @param apiHost where BatonService is served: {@code BATON_C1_API_HOST}, else the client id's
 *     host, port 443 unless given
 * @param tokenHost where {@code /auth/v1/token} is: {@code BATON_C1_TOKEN_HOST}, else the API host
 *     (Baton's SDK uses the same host for both)
 * @param trust the CAs trusted for both
 * @param hostId {@code BATON_HOST_ID}, else the machine's hostname
 * @param userAgent sent on the gRPC channel
 * @param version the product version reported in Hello's build info
 * @param taskConcurrency tasks run at the same time
 * @param shutdownTimeout how long in-flight tasks may finish after a stop is asked
 * @param tempDir where sync files are built; null for the JVM's temp directory
 * @param provisioning the -p flag: writes are refused without it
 * @param helloBackoff first wait after a failed startup Hello (doubling up to 5 min)
 */
public record ServiceConfig(
    ClientId clientId,
    ClientSecret secret,
    HostPort apiHost,
    HostPort tokenHost,
    HostTrust trust,
    String hostId,
    String userAgent,
    String version,
    int taskConcurrency,
    Duration shutdownTimeout,
    Path tempDir,
    boolean provisioning,
    Duration helloBackoff,
    Clock clock) {
  public static final String API_HOST_ENV = "BATON_C1_API_HOST";
  public static final String TOKEN_HOST_ENV = "BATON_C1_TOKEN_HOST";
  public static final int DEFAULT_TASK_CONCURRENCY = 3;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration MAX_HELLO_BACKOFF = Duration.ofMinutes(5);

  /** Hosts read this the way Baton's SDK writes it: "{@code <client name> baton-sdk/<ver>}". */
  static final String SDK_AGENT = "baton-sdk/v0.25.0";

  /** The defaults, with hosts and host id taken from {@code env} as Baton's SDK takes them. */
  public static ServiceConfig of(
      ClientId clientId,
      ClientSecret secret,
      Map<String, String> env,
      String productName,
      String version) {
    String api = nonBlank(env.get(API_HOST_ENV), clientId.tokenHost());
    HostPort apiHost = HostPort.parse(api, HostPort.HTTPS_PORT);
    HostPort tokenHost =
        env.get(TOKEN_HOST_ENV) != null && !env.get(TOKEN_HOST_ENV).isBlank()
            ? HostPort.parse(env.get(TOKEN_HOST_ENV), HostPort.HTTPS_PORT)
            : apiHost;
    String agent = clientId.clientName() + " " + SDK_AGENT + " " + productName + "/" + version;
    return new ServiceConfig(
        clientId,
        secret,
        apiHost,
        tokenHost,
        HostTrust.jvmDefault(),
        HostInfo.hostId(env),
        agent,
        version,
        DEFAULT_TASK_CONCURRENCY,
        DEFAULT_SHUTDOWN_TIMEOUT,
        null,
        false,
        Duration.ofSeconds(1),
        Clock.systemUTC());
  }

  public ServiceConfig {
    if (taskConcurrency < 1) {
      throw new IllegalArgumentException("task concurrency must be at least 1");
    }
  }

  public ServiceConfig withTrust(HostTrust t) {
    return new ServiceConfig(
        clientId,
        secret,
        apiHost,
        tokenHost,
        t,
        hostId,
        userAgent,
        version,
        taskConcurrency,
        shutdownTimeout,
        tempDir,
        provisioning,
        helloBackoff,
        clock);
  }

  public ServiceConfig withTasks(int concurrency, Duration shutdown) {
    return new ServiceConfig(
        clientId,
        secret,
        apiHost,
        tokenHost,
        trust,
        hostId,
        userAgent,
        version,
        concurrency,
        shutdown,
        tempDir,
        provisioning,
        helloBackoff,
        clock);
  }

  public ServiceConfig withTempDir(Path dir) {
    return new ServiceConfig(
        clientId,
        secret,
        apiHost,
        tokenHost,
        trust,
        hostId,
        userAgent,
        version,
        taskConcurrency,
        shutdownTimeout,
        dir,
        provisioning,
        helloBackoff,
        clock);
  }

  public ServiceConfig withProvisioning(boolean on) {
    return new ServiceConfig(
        clientId,
        secret,
        apiHost,
        tokenHost,
        trust,
        hostId,
        userAgent,
        version,
        taskConcurrency,
        shutdownTimeout,
        tempDir,
        on,
        helloBackoff,
        clock);
  }

  public ServiceConfig withHelloBackoff(Duration first) {
    return new ServiceConfig(
        clientId,
        secret,
        apiHost,
        tokenHost,
        trust,
        hostId,
        userAgent,
        version,
        taskConcurrency,
        shutdownTimeout,
        tempDir,
        provisioning,
        first,
        clock);
  }

  private static String nonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a.trim() : b;
  }

  @Override
  public String toString() {
    return "ServiceConfig[clientId="
        + clientId.value()
        + ", secret=****, apiHost="
        + apiHost
        + ", tokenHost="
        + tokenHost
        + ", hostId="
        + hostId
        + ", taskConcurrency="
        + taskConcurrency
        + ", provisioning="
        + provisioning
        + "]";
  }
}
