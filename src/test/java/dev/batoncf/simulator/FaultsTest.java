package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault knob, observed over real HTTP. */
class FaultsTest {
  private CfSimulator sim;
  private SimHttp c;
  private String acct;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    c = SimHttp.demo(sim);
    acct = "/accounts/" + Seeds.DEMO_ACCOUNT_ID;
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void normalAnswersCarryRateLimitHeaders() {
    SimHttp.Resp r = c.get(acct);
    assertEquals("\"default\";r=1199;t=300", r.header("Ratelimit"));
    assertEquals("\"default\";q=1200;w=300", r.header("Ratelimit-Policy"));
    assertEquals("\"default\";r=1198;t=300", c.get(acct).header("ratelimit"));
    assertEquals(null, r.header("retry-after"));
    // error answers carry them too
    assertEquals(
        "\"default\";q=1200;w=300", SimHttp.token(sim, "bad").get(acct).header("Ratelimit-Policy"));
  }

  @Test
  void scriptedRateLimitHitsOnlyMatchingRequests() {
    sim.faults().next(2).matching("GET", "/members").rateLimited(7);
    assertEquals(200, c.get(acct).status());
    for (int i = 0; i < 2; i++) {
      SimHttp.Resp r = c.get(acct + "/members?page=1");
      assertEquals(429, r.status());
      assertEquals("7", r.header("retry-after"));
      assertEquals("\"default\";r=0;t=7", r.header("Ratelimit"));
      assertEquals(Wire.CODE_RATE_LIMITED, r.errorCode());
      assertEquals("Please wait and consider throttling your request speed", r.errorMessage());
    }
    assertEquals(200, c.get(acct + "/members").status());
    assertEquals(0, sim.faults().pending());
  }

  @Test
  void scriptedFaultsComeBeforeAuth() {
    sim.faults().next(1).rateLimited(3);
    assertEquals(429, SimHttp.token(sim, "bad").get(acct).status());
    assertEquals(401, SimHttp.token(sim, "bad").get(acct).status());
  }

  @Test
  void serverErrorAndCustomStatus() {
    sim.faults().next(1).serverError(503).next(1).status(409, 1234, "conflict!");
    SimHttp.Resp r = c.get(acct);
    assertEquals(503, r.status());
    assertFalse(r.success());
    assertEquals(Wire.CODE_SERVER_ERROR, r.errorCode());
    SimHttp.Resp s = c.get(acct);
    assertEquals(409, s.status());
    assertEquals(1234, s.errorCode());
    assertEquals("conflict!", s.errorMessage());
    assertEquals(200, c.get(acct).status());
    assertThrows(IllegalArgumentException.class, () -> sim.faults().next(1).serverError(404));
  }

  @Test
  void malformedBodyIs200WithTruncatedJson() {
    sim.faults().next(1).matching("GET", "/access/groups").malformed();
    SimHttp.Resp r = c.get(acct + "/access/groups");
    assertEquals(200, r.status());
    assertThrows(JsonParseException.class, () -> JsonParser.parseString(r.raw()));
    assertEquals(200, c.get(acct + "/access/groups").status());
  }

  @Test
  void regexMatching() {
    sim.faults().next(1).matching("PUT", "/members/[0-9a-f]{32}$").serverError(500);
    assertEquals(200, c.get(acct + "/members/" + Seeds.DEMO_MEMBER_ZOE).status());
    assertEquals(
        500,
        c.put(
                acct + "/members/" + Seeds.DEMO_MEMBER_ZOE,
                "{\"roles\":[{\"id\":\"" + Seeds.ROLE_DNS + "\"}]}")
            .status());
  }

  @Test
  void disconnectIsATransportError() {
    // HTTP clients (JDK, OkHttp) silently retry an idempotent request once on a dropped
    // connection, so a GET needs two drops to surface as a transport error.
    SimHttp own = c.withOwnClient();
    sim.faults().next(2).disconnect();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> own.get(acct));
    assertTrue(e.getCause().getMessage().contains("no bytes"), e.getCause().getMessage());
    assertEquals(200, own.get(acct).status());
    assertEquals(3, sim.requests().total());
    assertEquals(0, sim.requests().all().get(0).status());
    assertEquals(0, sim.requests().all().get(1).status());
    assertEquals(200, sim.requests().all().get(2).status());
  }

  @Test
  void latencyAndSlow() {
    sim.faults().latency(Duration.ofMillis(150));
    long t0 = System.nanoTime();
    assertEquals(200, c.get(acct).status());
    assertTrue(System.nanoTime() - t0 >= 150_000_000L);
    sim.faults().latency(Duration.ZERO).next(1).slow(Duration.ofMillis(300));
    long t1 = System.nanoTime();
    assertEquals(200, c.get(acct).status());
    assertTrue(System.nanoTime() - t1 >= 300_000_000L);
  }

  @Test
  void budgetLocksOutUntilASlotFrees() throws InterruptedException {
    sim.faults().budget(3, Duration.ofSeconds(2));
    assertEquals("\"default\";r=2;t=2", c.get(acct).header("Ratelimit"));
    assertEquals("\"default\";r=1;t=2", c.get(acct).header("Ratelimit"));
    SimHttp.Resp third = c.get(acct);
    assertEquals(200, third.status());
    assertEquals("\"default\";q=3;w=2", third.header("Ratelimit-Policy"));
    SimHttp.Resp fourth = c.get(acct);
    assertEquals(429, fourth.status());
    assertEquals(Wire.CODE_RATE_LIMITED, fourth.errorCode());
    int retry = Integer.parseInt(fourth.header("retry-after"));
    assertTrue(retry >= 1 && retry <= 2, "retry-after " + retry);
    assertEquals(429, c.get(acct + "/members").status()); // every call blocked meanwhile
    Thread.sleep(retry * 1000L + 100);
    assertEquals(200, c.get(acct).status());
  }

  @Test
  void budgetWithExplicitLockout() {
    sim.faults().budget(1, Duration.ofSeconds(1), Duration.ofMinutes(5));
    assertEquals(200, c.get(acct).status());
    SimHttp.Resp r = c.get(acct);
    assertEquals(429, r.status());
    assertEquals("300", r.header("retry-after"));
    sim.faults().noBudget();
    assertEquals(200, c.get(acct).status());
  }

  @Test
  void afterNextHookRunsOnceBetweenGetAndPut() {
    String path = acct + "/access/groups/" + Seeds.DEMO_GROUP_PARTNERS;
    AtomicInteger runs = new AtomicInteger();
    sim.faults()
        .hooks()
        .afterNext(
            "GET",
            "/access/groups/",
            () -> {
              runs.incrementAndGet();
              sim.account()
                  .updateGroup(
                      Seeds.DEMO_GROUP_PARTNERS,
                      g -> {
                        g.addProperty("name", "Partners (changed concurrently)");
                        return g;
                      });
            });
    assertEquals(1, sim.faults().hooks().pending());
    SimHttp.Resp first = c.get(path);
    assertEquals("Partners", first.obj().get("name").getAsString()); // pre-hook state
    assertEquals(1, runs.get());
    assertEquals("Partners (changed concurrently)", c.get(path).obj().get("name").getAsString());
    assertEquals(1, runs.get());
    assertEquals(0, sim.faults().hooks().pending());
  }

  @Test
  void rateLimitWithoutHeadersNamesNoWait() {
    sim.faults().next(1).matching("GET", "/members").rateLimitedWithoutHeaders();
    SimHttp.Resp r = c.get(acct + "/members");
    assertEquals(429, r.status());
    assertEquals(Wire.CODE_RATE_LIMITED, r.errorCode());
    assertEquals(null, r.header("retry-after"));
    assertEquals(null, r.header("Ratelimit"));
    assertEquals(200, c.get(acct + "/members").status());
  }

  @Test
  void budgetLockoutWithoutRateLimitHeaders() {
    sim.faults().rateLimitHeaders(false).budget(1, Duration.ofSeconds(1), Duration.ofMinutes(5));
    SimHttp.Resp ok = c.get(acct);
    assertEquals(200, ok.status());
    assertEquals(null, ok.header("Ratelimit"));
    SimHttp.Resp blocked = c.get(acct);
    assertEquals(429, blocked.status());
    assertEquals(null, blocked.header("retry-after"));
    assertEquals(null, blocked.header("Ratelimit"));
  }

  @Test
  void notJsonAndInvalidJson() {
    sim.faults()
        .next(1)
        .matching("GET", "/roles")
        .notJson()
        .next(1)
        .matching("GET", "/roles")
        .invalidJson();
    SimHttp.Resp html = c.get(acct + "/roles");
    assertEquals(200, html.status());
    assertTrue(html.raw().startsWith("<!DOCTYPE html>"), html.raw());
    SimHttp.Resp broken = c.get(acct + "/roles");
    assertEquals(200, broken.status());
    assertThrows(JsonParseException.class, () -> JsonParser.parseString(broken.raw()));
    assertEquals(200, c.get(acct + "/roles").status());
  }

  @Test
  void rewriteEditsTheAnswerOfOnePage() {
    sim.faults()
        .next(1)
        .matching("GET", "/roles")
        .onPage(2)
        .rewrite(
            env -> {
              env.getAsJsonObject("result_info").addProperty("total_count", 999);
              return env;
            });
    String first = c.get(acct + "/roles?page=1&per_page=5").raw();
    assertEquals(
        sim.account().listedRoles().size(),
        JsonParser.parseString(first)
            .getAsJsonObject()
            .getAsJsonObject("result_info")
            .get("total_count")
            .getAsInt(),
        "page 1 untouched");
    SimHttp.Resp second = c.get(acct + "/roles?page=2&per_page=5");
    assertEquals(
        999,
        JsonParser.parseString(second.raw())
            .getAsJsonObject()
            .getAsJsonObject("result_info")
            .get("total_count")
            .getAsInt());
    assertEquals(0, sim.faults().pending());
  }

  @Test
  void ignorePageServesPageOneWhateverWasAsked() {
    sim.faults().next(2).matching("GET", "/roles").ignorePage();
    String one =
        JsonParser.parseString(c.get(acct + "/roles?per_page=5").raw())
            .getAsJsonObject()
            .get("result")
            .toString();
    String three =
        JsonParser.parseString(c.get(acct + "/roles?page=3&per_page=5").raw())
            .getAsJsonObject()
            .get("result")
            .toString();
    assertEquals(one, three);
    assertEquals("3", sim.requests().all().get(1).query().get("page"), "logged as asked");
    String real =
        JsonParser.parseString(c.get(acct + "/roles?page=3&per_page=5").raw())
            .getAsJsonObject()
            .get("result")
            .toString();
    assertFalse(real.equals(one));
  }

  @Test
  void resetTurnsEverythingOff() {
    sim.faults()
        .latency(Duration.ofSeconds(5))
        .budget(1, Duration.ofMinutes(1))
        .next(3)
        .serverError(500);
    sim.faults()
        .hooks()
        .afterNext(
            null,
            null,
            () -> {
              throw new IllegalStateException("must not run");
            });
    sim.faults().reset();
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, c.get(acct).status());
    }
    assertTrue(System.nanoTime() - t0 < 4_000_000_000L);
    assertEquals(0, sim.faults().pending());
    assertEquals(0, sim.faults().hooks().pending());
  }
}
