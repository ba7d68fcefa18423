package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.daemon.OutputLock;
import dev.batoncf.health.HealthServer;
import dev.batoncf.health.Probe;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import dev.batoncf.support.FixedHealth;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The daemon's flag checks and the health-check client, through the real CLI entry. */
@Timeout(120) // a check that wrongly passes would start a daemon that never returns
class DaemonCliTest {
  private static final Map<String, String> ENV =
      Map.of(
          "BATON_API_TOKEN",
          Seeds.DEMO_API_TOKEN,
          "BATON_ACCOUNT_ID",
          Seeds.DEMO_ACCOUNT_ID,
          "BATON_BASE_URL",
          "http://127.0.0.1:9/client/v4");

  @TempDir Path dir;

  private CliRun daemon(String... flags) {
    List<String> args = new ArrayList<>(List.of("daemon"));
    args.addAll(List.of(flags));
    return CliRun.run(ENV, args.toArray(String[]::new));
  }

  private void assertUsage(CliRun r, String message) throws Exception {
    assertEquals(2, r.code(), r.both());
    assertEquals(List.of("error: " + message), r.errorLines(), r.both());
    assertFalse(r.err().contains("\tat "), r.both());
    assertEquals("", r.out(), "nothing started: " + r.both());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count(), "nothing written");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--sync-interval|-5m|--sync-interval: '-5m' is negative",
        "--sync-interval|0s|--sync-interval must be at least 1s, not 0s",
        "--sync-interval|soon|--sync-interval: 'soon' is not a duration (e.g. 6h, 15m, 1h30m, 90s, 500ms)",
        "--sync-cron|61 * * * *|--sync-cron: minute field: minute 61 is outside 0-59",
        "--sync-cron|0 0 31 2 *|--sync-cron: '0 0 31 2 *' never matches a date",
        "--keep|0|--keep must be at least 1, not 0",
        "--jitter|often|--jitter: 'often' is neither a fraction (0.1) nor a duration (5m)",
        "--jitter|1.0|--jitter: a jitter fraction must be below 1, not 1.0",
        "--retry-backoff|100ms|--retry-backoff must be at least 1s",
        "--retry-backoff-max|10s|--retry-backoff-max must not be below --retry-backoff",
        "--shutdown-timeout|-1s|--shutdown-timeout: '-1s' is negative",
        "--health-check-port|70000|--health-check-port must be from 0 to 65535, not 70000"
      })
  void badFlagsAreOneLineAndExit2(String flag, String value, String message) throws Exception {
    assertUsage(daemon("--output-dir", dir.toString(), "--health-check", flag, value), message);
  }

  @Test
  void theOutputDirectoryMustBeThereAndWritable() throws Exception {
    assertUsage(
        daemon(), "--output-dir is required: the directory the daemon writes its syncs" + " into");
    Path missing = dir.resolve("nope");
    assertUsage(
        daemon("--output-dir", missing.toString()),
        "--output-dir " + missing + " does not exist or is not a directory");
    // /proc accepts no new files, even from root
    CliRun r = daemon("--output-dir", "/proc");
    assertEquals(2, r.code(), r.both());
    assertEquals(List.of("error: --output-dir /proc is not writable"), r.errorLines());
  }

  @Test
  void everyProblemIsReportedAtOnceInOneLine() throws Exception {
    assertUsage(
        daemon(
            "--output-dir",
            dir.toString(),
            "-f",
            "x.c1z",
            "--sync-interval",
            "1h",
            "--sync-cron",
            "@daily",
            "--keep",
            "-1"),
        "the daemon writes into --output-dir; -f/--file is not used; --sync-interval and "
            + "--sync-cron exclude each other: give one; --keep must be at least 1, not -1");
  }

  @Test
  void aNetworkGrpcAddressNeedsProtectionAsServeDoes() throws Exception {
    CliRun r = daemon("--output-dir", dir.toString(), "--serve", "--listen", "0.0.0.0:0");
    assertEquals(2, r.code(), r.both());
    assertTrue(
        r.errorLines()
            .get(0)
            .startsWith("error: refusing to listen on 0.0.0.0:0 without" + " protection"),
        r.both());
  }

  @Test
  void theOneShotSyncHasNoHealthServer() {
    CliRun r = CliRun.run(ENV, "--health-check");
    assertEquals(2, r.code(), r.both());
    assertEquals(
        List.of(
            "error: --health-check is for long-running modes: use 'baton-cloudflare"
                + " daemon --health-check' or service mode (--client-id)"),
        r.errorLines());
  }

  @Test
  void aSecondDaemonOnTheSameDirectoryExits1() throws Exception {
    try (OutputLock held = OutputLock.acquire(dir)) {
      CliRun r = daemon("--output-dir", dir.toString());
      assertEquals(1, r.code(), r.both());
      assertEquals(
          List.of(
              "error: another baton-cloudflare daemon is already using "
                  + dir.toAbsolutePath().normalize()
                  + " (it holds .daemon.lock)"),
          r.errorLines());
    }
  }

  /** A health server answering fixed probes: the client is under test here, not the daemon. */
  private static HealthServer fixed(boolean ok) throws Exception {
    Probe p =
        new Probe(
            ok,
            ok ? "ready" : "not_ready",
            ok ? Map.of() : Map.of("error", "no good sync yet"),
            Map.of());
    return HealthServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new FixedHealth(p),
        Clock.fixed(java.time.Instant.parse("2025-01-15T10:00:00Z"), java.time.ZoneOffset.UTC));
  }

  @Test
  void healthCheckExits0On200And1Otherwise() throws Exception {
    try (HealthServer up = fixed(true)) {
      CliRun r =
          CliRun.run(
              "health-check",
              "--endpoint",
              "ready",
              "--health-check-port",
              Integer.toString(up.port()));
      assertEquals(0, r.code(), r.both());
      assertEquals("{\"status\":\"ready\",\"timestamp\":\"2025-01-15T10:00:00Z\"}\n", r.out());
      // a wildcard bind address means this machine: the client asks loopback
      CliRun any =
          CliRun.run(
              "health-check",
              "--health-check-bind-address",
              "0.0.0.0",
              "--health-check-port",
              Integer.toString(up.port()));
      assertEquals(0, any.code(), any.both());
    }
    try (HealthServer down = fixed(false)) {
      CliRun r =
          CliRun.run(
              "health-check",
              "--endpoint",
              "ready",
              "--health-check-port",
              Integer.toString(down.port()),
              "--timeout",
              "2");
      assertEquals(1, r.code(), r.both());
      assertTrue(r.out().startsWith("{\"status\":\"not_ready\""), r.both());
      assertEquals(
          List.of(
              "error: health check returned status 503 from http://127.0.0.1:"
                  + down.port()
                  + "/ready"),
          r.errorLines());
    }
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    CliRun nobody =
        CliRun.run(
            "health-check", "--health-check-port", Integer.toString(free), "--timeout", "500ms");
    assertEquals(1, nobody.code(), nobody.both());
    assertEquals(1, nobody.errorLines().size(), nobody.both());
    assertTrue(
        nobody
            .errorLines()
            .get(0)
            .startsWith(
                "error: health check failed: no answer from"
                    + " http://127.0.0.1:"
                    + free
                    + "/health ("),
        nobody.both());
    CliRun bad = CliRun.run("health-check", "--endpoint", "metrics");
    assertEquals(2, bad.code(), bad.both());
    assertEquals(
        List.of("error: invalid endpoint: metrics (valid: health, ready, live)"), bad.errorLines());
  }
}
