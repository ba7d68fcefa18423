package dev.batoncf.cli;

import dev.batoncf.daemon.SyncDaemon;
import dev.batoncf.health.DurationText;
import dev.batoncf.server.ConnectorServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and Ctrl-C for the daemon: the sync in flight and gRPC calls in flight get the shutdown
 * timeout (side by side), the rest is closed, and the process exits 0 — a requested stop is not a
 * failure, whereas the JVM would report 143 for a signal.
 */
final class Shutdown {
  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);
  private final SyncDaemon daemon;
  private final ConnectorServer grpc;
  private final List<AutoCloseable> closeables;
  private final Duration timeout;
  private final AtomicBoolean signalled = new AtomicBoolean();
  private final Thread hook;

  Shutdown(
      SyncDaemon daemon, ConnectorServer grpc, List<AutoCloseable> closeables, Duration timeout) {
    this.daemon = daemon;
    this.grpc = grpc;
    this.closeables = closeables;
    this.timeout = timeout;
    this.hook = new Thread(this::onSignal, "daemon-shutdown");
  }

  Thread hook() {
    return hook;
  }

  /** After the loop ended: true if it ended on its own (the hook is then removed). */
  boolean removeHook() {
    if (signalled.get()) {
      return false;
    }
    try {
      return Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  private void onSignal() {
    signalled.set(true);
    log.info(
        "shutting down: the sync in progress may finish for up to {}",
        DurationText.format(timeout));
    Thread grpcStop = null;
    if (grpc != null) {
      grpcStop = new Thread(() -> grpc.shutdown(timeout), "grpc-shutdown");
      grpcStop.start();
    }
    boolean clean = false;
    try {
      clean = daemon.stop(timeout);
      if (grpcStop != null) {
        grpcStop.join(timeout.plusSeconds(10).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        log.debug("closing {} failed: {}", c, e.toString());
      }
    }
    try {
      daemon.close();
    } catch (Exception e) {
      log.debug("releasing the output lock failed: {}", e.toString());
    }
    log.info("stopped{}", clean ? "" : " (the sync in progress was abandoned; no file changed)");
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(ExitCodes.OK);
  }
}
