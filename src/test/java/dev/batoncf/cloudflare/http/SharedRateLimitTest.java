package dev.batoncf.cloudflare.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Parallel clients of one process against a simulator that enforces a tight budget: with the
 * process's shared limiter nobody earns a 429; with a limiter each, the same load does.
 */
class SharedRateLimitTest {
  private static final int CLIENTS = 4;
  private static final int CALLS_EACH = 5;

  /**
   * The client-side budget. The simulator allows twice as much, so that even two windows' worth of
   * requests arriving bunched together (a slow first batch) stay within its limit.
   */
  private static final RateBudget BUDGET = new RateBudget(5, Duration.ofSeconds(1));

  private static HttpSettings settings(CfSimulator sim) {
    return HttpSettings.defaults(
            sim.baseUrl(), new Credentials.ApiToken(Secret.of(Seeds.DEMO_API_TOKEN)))
        .withRetry(Duration.ofSeconds(20), 8)
        .withRateLimits(BUDGET, 1000);
  }

  /** Runs CLIENTS clients in parallel, CALLS_EACH account reads each; returns the wall time. */
  private static Duration load(CfSimulator sim, Supplier<RateLimiter> limiterPerClient)
      throws Exception {
    List<CloudflareClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(
          new CloudflareClient(
              settings(sim), Seeds.DEMO_ACCOUNT_ID, limiterPerClient.get(), HttpEvents.none()));
    }
    // Warm up (connections, JIT) so the measured run is about pacing, not first-call latency,
    // then start the simulator's window afresh.
    for (CloudflareClient c : clients) {
      c.account();
    }
    Thread.sleep(BUDGET.window().toMillis() + 100);
    sim.faults().budget(10, Duration.ofSeconds(1));
    sim.requests().reset();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (CloudflareClient c : clients) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < CALLS_EACH; i++) {
                    assertEquals(Seeds.DEMO_ACCOUNT_ID, c.account().id());
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return Duration.ofNanos(System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
      clients.forEach(CloudflareClient::close);
    }
  }

  private static long throttled(RequestLog log) {
    return log.all().stream().filter(r -> r.status() == 429).count();
  }

  /** The most requests the simulator saw inside any window of the budget's length. */
  private static int busiestWindow(RequestLog log, Duration window) {
    List<Instant> at = log.all().stream().map(RequestLog.Recorded::at).sorted().toList();
    int most = 0;
    for (int i = 0, j = 0; i < at.size(); i++) {
      while (Duration.between(at.get(j), at.get(i)).compareTo(window) >= 0) {
        j++;
      }
      most = Math.max(most, i - j + 1);
    }
    return most;
  }

  @Test
  void parallelClientsOfOneProcessShareOneLimiterAndEarnNo429() throws Exception {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      RateLimiters limiters = new RateLimiters();
      Duration wall = load(sim, () -> limiters.forSettings(settings(sim)));

      RequestLog log = sim.requests();
      assertEquals(0, throttled(log), "no 429 storm: " + log.countsByEndpoint());
      assertEquals(CLIENTS * CALLS_EACH, log.total(), "every call once, none retried");
      assertEquals(1, limiters.size());
      assertEquals(
          CLIENTS + CLIENTS * CALLS_EACH,
          limiters.forSettings(settings(sim)).stats().acquired(),
          "warm-up calls included");
      assertTrue(busiestWindow(log, BUDGET.window()) <= 10, "within Cloudflare's budget");
      // 20 requests at 5 per second: the last five cannot leave before three windows passed.
      assertTrue(wall.compareTo(Duration.ofMillis(2900)) >= 0, "wall " + wall);
    }
  }

  @Test
  void theSameLoadWithALimiterPerClientEarns429s() throws Exception {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      load(sim, () -> SlidingWindowRateLimiter.forSettings(settings(sim)));
      assertTrue(
          throttled(sim.requests()) > 0,
          "four separate budgets of 5/s overrun a 10/s limit: " + sim.requests().total());
    }
  }

  @Test
  void oneLimiterPerCredentialAndBaseUrl() {
    RateLimiters limiters = new RateLimiters();
    Credentials a = new Credentials.ApiToken(Secret.of("token-a"));
    HttpSettings one = HttpSettings.defaults("https://api.cloudflare.com/client/v4", a);
    RateLimiter first = limiters.forSettings(one);
    assertSame(
        first,
        limiters.forSettings(
            HttpSettings.defaults(
                "https://api.cloudflare.com/client/v4",
                new Credentials.ApiToken(Secret.of("token-a")))));
    assertSame(
        first,
        limiters.forSettings(one.withRateLimits(BUDGET, 5)),
        "another budget for the same token still shares the first limiter");
    assertNotSame(
        first,
        limiters.forSettings(
            HttpSettings.defaults(
                "https://api.cloudflare.com/client/v4",
                new Credentials.ApiToken(Secret.of("token-b")))));
    assertNotSame(
        first, limiters.forSettings(HttpSettings.defaults("http://127.0.0.1:9/client/v4", a)));
    assertNotSame(
        first,
        limiters.forSettings(
            HttpSettings.defaults(
                "https://api.cloudflare.com/client/v4",
                new Credentials.GlobalApiKey("ops@example.org", Secret.of("token-a")))));
    assertEquals(4, limiters.size());
    assertTrue(!limiters.toString().contains("token-a"));
  }
}
