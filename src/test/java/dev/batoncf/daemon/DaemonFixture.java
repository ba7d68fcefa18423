package dev.batoncf.daemon;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.support.SimSync;
import dev.batoncf.sync.FileSync;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real scheduler over the simulator on loopback, its loop on a thread of its own. */
final class DaemonFixture implements AutoCloseable {
  final CfSimulator sim;
  final CloudflareClient client;
  final CloudflareConnector connector;
  final SyncFiles files;
  final SyncState state = new SyncState();
  final SyncDaemon daemon;
  private final Thread loop;

  /** Every context the after-sync steps saw, in order (the diff step runs before it). */
  final List<AfterSync.Context> seen = new ArrayList<>();

  DaemonFixture(CfSimulator sim, Path dir, RunPlanner planner, int keep, AfterSync... extra)
      throws IOException {
    this.sim = sim;
    this.client = SimSync.client(sim, SimSync.demoToken());
    this.connector = new CloudflareConnector(client, new ConnectorOptions(true));
    this.files = new SyncFiles(dir);
    List<AfterSync> steps = new ArrayList<>();
    steps.add(new DiffAfterSync());
    steps.add(
        new AfterSync() {
          @Override
          public String name() {
            return "record";
          }

          @Override
          public void run(Context c) {
            synchronized (seen) {
              seen.add(c);
            }
          }
        });
    steps.addAll(List.of(extra));
    FileSync sync = new FileSync(connector, files.workDir());
    this.daemon =
        SyncDaemon.open(
            files, sync::run, planner, new Retention(keep), steps, state, Clock.systemUTC());
    this.loop = new Thread(daemon::run, "test-scheduler");
  }

  static RunPlanner every(Duration interval, Duration backoff) {
    return new RunPlanner(
        Schedule.every(interval), Jitter.NONE, new Backoff(backoff, backoff.multipliedBy(4)));
  }

  DaemonFixture start() {
    loop.start();
    return this;
  }

  List<AfterSync.Context> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** Polls until the condition holds, failing after {@code seconds}. */
  static void await(String what, int seconds, BooleanSupplier condition) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  boolean stop(Duration timeout) throws InterruptedException {
    boolean clean = daemon.stop(timeout);
    loop.join(TimeUnit.SECONDS.toMillis(30));
    return clean;
  }

  @Override
  public void close() throws Exception {
    if (loop.isAlive()) {
      stop(Duration.ofSeconds(20));
    }
    daemon.close();
    client.close();
  }
}
