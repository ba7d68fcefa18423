package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.Main;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.RateLimiters;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees of retries: fast failure, lockouts, one limiter for the whole process. */
class RetryBehaviourCliTest {
  private static final Map<String, String> ENV =
      Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN, "BATON_ACCOUNT_ID", Seeds.DEMO_ACCOUNT_ID);
  private final byte[] previous = "previous sync, must survive".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  Path out;
  CfSimulator sim;

  @BeforeEach
  void start() throws Exception {
    sim = CfSimulator.start(Seeds.demo());
    out = dir.resolve("out.c1z");
    Files.write(out, previous);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private CliRun sync(String... extra) {
    List<String> args = new ArrayList<>(List.of("--base-url", sim.baseUrl(), "-f", out.toString()));
    args.addAll(List.of(extra));
    return CliRun.run(ENV, args.toArray(String[]::new));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Test
  void aBaseUrlThatRefusesConnectionsFailsAtOnceWithOneLineNamingIt() throws Exception {
    String base = "http://127.0.0.1:" + closedPort() + "/client/v4";
    long start = System.nanoTime();
    // the default retry deadline (6 minutes) is in force: nothing of it is spent
    CliRun r = CliRun.run(ENV, "--base-url", base, "-f", out.toString());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(1, r.code(), r.both());
    assertEquals(1, r.errorLines().size(), r.both());
    String line = r.errorLines().get(0);
    assertTrue(
        line.startsWith("error: could not reach Cloudflare: connection refused to " + "127.0.0.1:"),
        line);
    assertTrue(
        line.contains(
            "(nothing has answered at " + base + " yet, so not retrying: check " + "the base URL)"),
        line);
    assertFalse(r.err().contains("\tat "), r.both());
    assertTrue(wall.compareTo(Duration.ofSeconds(5)) < 0, "took " + wall);
    assertArrayEquals(previous, Files.readAllBytes(out));
  }

  @Test
  void connectionDropsMidSyncAreRetriedAndTheSyncSucceeds() {
    sim.faults().next(2).matching("GET", "/members").disconnect();
    CliRun r = sync();
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().startsWith("synced 20 users"), r.out());
    assertEquals(3, sim.requests().count("GET", Paths.MEMBERS), "two drops, then the page");
  }

  @Test
  void a429NamingNoWaitIsWaitedOutForTheConfiguredLockout() {
    sim.faults().next(1).matching("GET", "/members").rateLimitedWithoutHeaders();
    long start = System.nanoTime();
    CliRun r = sync("--rate-limit-lockout-seconds", "1");
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(0, r.code(), r.both());
    assertTrue(wall.compareTo(Duration.ofSeconds(1)) >= 0, "waited " + wall);
    assertEquals(2, sim.requests().count("GET", Paths.MEMBERS));
  }

  @Test
  void aLockoutTheDeadlineCannotCoverFailsAtOnceSayingWhenToRetry() throws Exception {
    sim.faults().next(1).matching("GET", "/members").rateLimitedWithoutHeaders();
    long start = System.nanoTime();
    CliRun r = sync("--retry-deadline-seconds", "60");
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(1, r.code(), r.both());
    assertEquals(1, r.errorLines().size(), r.both());
    String line = r.errorLines().get(0);
    assertTrue(
        line.startsWith(
            "error: Cloudflare rate limit (HTTP 429) without a stated wait: "
                + "taken as Cloudflare's 300s lockout, longer than the retry deadline of 60s allows; "
                + "retry after 20"),
        line);
    assertTrue(wall.compareTo(Duration.ofSeconds(10)) < 0, "no useless sleep: " + wall);
    assertArrayEquals(previous, Files.readAllBytes(out));
  }

  @Test
  void everyCommandRunInOneProcessSharesOneLimiterPerCredential() {
    RateLimiters limiters = new RateLimiters();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CliContext ctx =
        new CliContext(ENV, new PrintWriter(o, true), new PrintWriter(e, true), false, limiters);
    String[] args = {"--base-url", sim.baseUrl(), "-f", out.toString()};
    assertEquals(0, Main.run(ctx, args), e.toString());
    assertEquals(0, Main.run(ctx, "resources", "-f", out.toString()), e.toString());
    assertEquals(0, Main.run(ctx, args), e.toString());

    assertEquals(1, limiters.size(), "one credential, one base URL, one limiter");
    HttpSettings settings =
        HttpSettings.defaults(
            sim.baseUrl(), new Credentials.ApiToken(Secret.of(Seeds.DEMO_API_TOKEN)));
    assertEquals(
        sim.requests().total(),
        limiters.forSettings(settings).stats().acquired(),
        "both syncs' requests went through the one limiter");
  }
}
