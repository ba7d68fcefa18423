package dev.batoncf.service;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Service mode against a simulated world on 127.0.0.1: a Cloudflare simulator, the host's HTTPS
 * token endpoint and its BatonService over TLS (both with the test CA), and our {@link ServiceMode}
 * running on its own thread, as the CLI runs it.
 */
final class ServiceHarness implements AutoCloseable {
  /** The host named in the client id; the assertion's audience is it without the port. */
  static final String CLIENT_HOST = "c1.example.test:8443";

  static final String AUDIENCE = "c1.example.test";
  static final String HOST_ID = "svc-test-host";

  final ServicePki pki = ServicePki.get();
  final CfSimulator sim;
  final TestClient client = TestClient.create(CLIENT_HOST);
  final FakeTokenEndpoint tokens;
  final FakeBatonHost host;
  final CloudflareClient cloudflare;
  final Path tempDir;
  private ServiceMode service;
  private Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ServiceHarness(SimAccount account, Path tempDir) {
    this.sim = CfSimulator.start(account);
    this.tokens = FakeTokenEndpoint.start(pki, client, AUDIENCE);
    this.host = FakeBatonHost.start(pki, tokens);
    this.cloudflare = SimSync.client(sim, SimSync.demoToken());
    this.tempDir = tempDir;
  }

  static ServiceHarness demo(Path tempDir) {
    return new ServiceHarness(Seeds.demo(), tempDir);
  }

  Map<String, String> env() {
    return env(host.port());
  }

  Map<String, String> env(int hostPort) {
    return Map.of(
        ServiceConfig.API_HOST_ENV,
        "127.0.0.1:" + hostPort,
        ServiceConfig.TOKEN_HOST_ENV,
        "127.0.0.1:" + tokens.port(),
        HostInfo.HOST_ID_ENV,
        HOST_ID);
  }

  /** The config the CLI would build, trusting the test CA. */
  ServiceConfig config(boolean provisioning) {
    return ServiceConfig.of(
            ClientId.parse(client.clientId()),
            ClientSecret.parse(Secret.of(client.secret())),
            env(),
            "baton-cloudflare",
            "9.9.9")
        .withTrust(pki.trust())
        .withTempDir(tempDir)
        .withProvisioning(provisioning);
  }

  ServiceHarness run(boolean provisioning) {
    return run(config(provisioning));
  }

  ServiceHarness run(boolean provisioning, UnaryOperator<ServiceConfig> adjust) {
    return run(adjust.apply(config(provisioning)));
  }

  ServiceHarness run(ServiceConfig config) {
    service =
        ServiceMode.create(
            config, new CloudflareConnector(cloudflare, ConnectorOptions.defaults()));
    thread =
        new Thread(
            () -> {
              try {
                service.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "service-under-test");
    thread.start();
    return this;
  }

  ServiceMode service() {
    return service;
  }

  /** Sends a task and waits for its FinishTask. */
  dev.batoncf.pb.connectorapi.baton.v1.BatonServiceFinishTaskRequest finish(
      dev.batoncf.pb.connectorapi.baton.v1.Task task) {
    host.enqueue(task);
    return host.awaitFinish(task.getId(), Duration.ofSeconds(30));
  }

  /** The member's role ids in the simulated account now. */
  java.util.List<String> roles(String memberId) {
    return sim.account().member(memberId).orElseThrow().roleIds();
  }

  static java.util.List<Path> list(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
      return s.toList();
    }
  }

  /** Waits until the service's status satisfies {@code condition}. */
  void awaitStatus(java.util.function.Predicate<ServiceStatus> condition, String what)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.test(service.status())) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what + "; status " + service.status());
      }
      Thread.sleep(10);
    }
  }

  /** Asks the service to stop and waits for it; returns what ended it (null: a clean stop). */
  Throwable stop(Duration wait) throws InterruptedException {
    if (service != null) {
      service.stop();
      thread.join(wait.toMillis());
      if (thread.isAlive()) {
        throw new AssertionError("service mode did not stop within " + wait);
      }
    }
    return failure.get();
  }

  /** Waits for the service to end by itself (a permanent failure). */
  Throwable awaitEnd(Duration wait) throws InterruptedException {
    thread.join(wait.toMillis());
    if (thread.isAlive()) {
      throw new AssertionError("service mode still running after " + wait);
    }
    return failure.get();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stop(Duration.ofSeconds(40));
    } finally {
      if (service != null) {
        service.close();
      }
      host.close();
      tokens.close();
      cloudflare.close();
      sim.close();
    }
  }
}
