package dev.batoncf.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.Code;
import dev.batoncf.pb.connectorapi.baton.v1.BatonServiceFinishTaskRequest;
import dev.batoncf.pb.connectorapi.baton.v1.Task;
import dev.batoncf.simulator.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service mode as a real process: the host's CA comes from {@code -Djavax.net.ssl.trustStore} (what
 * {@code BATON_JAVA_OPTS} passes), and SIGTERM lets the running task finish, or cancels it after
 * {@code --shutdown-timeout}, and the process exits 0 either way, leaving no file behind.
 */
class ServiceProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void sigtermLetsTheRunningSyncFinishAndUploadThenExitsZero() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("c1z-temp"));
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      h.sim.faults().latency(Duration.ofMillis(300)); // ~3 s of pages
      Process p = start(h, temp, "30s");
      try {
        Task sync = sigtermDuringASync(h, p);
        BatonServiceFinishTaskRequest f = h.host.awaitFinish(sync.getId(), WAIT);
        assertTrue(f.hasSuccess(), "the task in flight finished: " + f);
        assertEquals(1, h.host.uploads().size());
        assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "exited after SIGTERM");
        String err = Files.readString(dir.resolve("stderr.log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertTrue(err.contains("stopping: letting 1 running task(s) finish (up to 30s)"), err);
        assertTrue(Files.readString(dir.resolve("stdout.log")).contains("service mode stopped"));
        assertFalse(err.contains(h.client.secret().substring(40)), "no secret in the log");
        assertEquals(List.of(), list(temp));
      } finally {
        kill(p);
      }
    }
  }

  @Test
  void aTaskOutlastingTheShutdownTimeoutIsCancelledAndTheProcessStillExitsZero() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("c1z-temp"));
    try (ServiceHarness h = ServiceHarness.demo(dir)) {
      h.sim.faults().latency(Duration.ofMillis(1500)); // ~15 s of pages
      Process p = start(h, temp, "1s");
      try {
        Task sync = sigtermDuringASync(h, p);
        BatonServiceFinishTaskRequest f = h.host.awaitFinish(sync.getId(), WAIT);
        assertEquals(Code.CANCELLED_VALUE, f.getStatus().getCode(), f.toString());
        assertEquals(
            "the task was stopped: the connector is shutting down", f.getStatus().getMessage());
        assertFalse(f.getError().getNonRetryable(), "the host may run it again");
        assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("stderr.log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertTrue(
            err.contains("stopping: 1 task(s) still running after 1s; cancelling them"), err);
        assertTrue(h.host.uploads().isEmpty());
        assertEquals(List.of(), list(temp), "the partial sync file is gone");
      } finally {
        kill(p);
      }
    }
  }

  private Process start(ServiceHarness h, Path temp, String shutdownTimeout) throws Exception {
    ServicePki pki = h.pki;
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + pki.trustStoreFile,
                "-Djavax.net.ssl.trustStorePassword=" + ServicePki.STORE_PASSWORD,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.batoncf.Main",
                "--base-url",
                h.sim.baseUrl(),
                "--log-format",
                "console",
                "--shutdown-timeout",
                shutdownTimeout,
                "--c1z-temp-dir",
                temp.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectError(dir.resolve("stderr.log").toFile())
            .redirectOutput(dir.resolve("stdout.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
    pb.environment().putAll(h.env());
    pb.environment().put("BATON_CLIENT_ID", h.client.clientId());
    pb.environment().put("BATON_CLIENT_SECRET", h.client.secret());
    pb.environment().put("BATON_ACCOUNT_ID", Seeds.DEMO_ACCOUNT_ID);
    pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    Process p = pb.start();
    h.host.awaitTrue(x -> x.polls().size() >= 1, WAIT, "the process to poll");
    return p;
  }

  /** Sends a sync task, and SIGTERM once it has started (its first heartbeat arrived). */
  private static Task sigtermDuringASync(ServiceHarness h, Process p) {
    Task sync = Tasks.sync();
    h.host.enqueue(sync);
    h.host.awaitTrue(
        x -> x.heartbeats().stream().anyMatch(b -> b.getTaskId().equals(sync.getId())),
        WAIT,
        "the sync to start");
    p.destroy(); // SIGTERM
    return sync;
  }

  private static void kill(Process p) throws InterruptedException {
    if (p.isAlive()) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }
}
