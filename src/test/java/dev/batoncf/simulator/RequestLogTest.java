package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestLogTest {
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
  void countsByTemplate() {
    c.get(acct + "/members?per_page=50&page=1");
    c.get(acct + "/members?per_page=50&page=2");
    c.get(acct + "/members/" + Seeds.DEMO_MEMBER_ZOE);
    c.put(
        acct + "/members/" + Seeds.DEMO_MEMBER_ZOE,
        "{\"roles\":[{\"id\":\"" + Seeds.ROLE_DNS + "\"}]}");
    c.get(acct + "/access/groups/" + Seeds.DEMO_GROUP_SRE);
    c.get(acct + "/tokens/verify");
    c.get(acct + "/zt_risk_scoring/summary");
    c.get(acct + "/nope");

    RequestLog log = sim.requests();
    assertEquals(8, log.total());
    assertEquals(2, log.count("GET", Paths.MEMBERS));
    assertEquals(1, log.count("GET", Paths.MEMBER));
    assertEquals(1, log.count("PUT", Paths.MEMBER));
    assertEquals(1, log.count("GET", Paths.ACCESS_GROUP));
    assertEquals(1, log.count("GET", Paths.ACCOUNT_TOKENS_VERIFY));
    assertEquals(0, log.count("GET", Paths.TOKEN));
    assertEquals(1, log.count("GET", Paths.RISK_SUMMARY));
    assertEquals(0, log.count("GET", Paths.RISK_USER));
    Map<String, Integer> counts = log.countsByEndpoint();
    assertEquals(2, counts.get("GET /accounts/{account_id}/members"));
    assertEquals(1, counts.get("PUT /accounts/{account_id}/members/{member_id}"));
    assertEquals(1, counts.get("GET " + acct + "/nope"));
    assertEquals(8, counts.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void recordsQueryBodyHeadersAndStatus() {
    String body = "{\"roles\":[\"x\"]}";
    c.get(acct + "/members?per_page=50&status=pending&order=user.email");
    c.post(acct + "/members", body);
    RequestLog.Recorded get = sim.requests().all().get(0);
    assertEquals("GET", get.method());
    assertEquals(acct + "/members", get.path());
    assertEquals(Paths.MEMBERS, get.template());
    assertEquals(Map.of("per_page", "50", "status", "pending", "order", "user.email"), get.query());
    assertEquals(200, get.status());
    assertEquals("GET /accounts/{account_id}/members", get.endpoint());
    RequestLog.Recorded post = sim.requests().last().orElseThrow();
    assertEquals(body, post.body());
    assertEquals(400, post.status());
    assertEquals("application/json", post.header("content-type"));
    assertTrue(post.hasHeader("authorization"));
    assertEquals(List.of(post), sim.requests().matching("POST", Paths.MEMBERS));
  }

  @Test
  void resetClearsCounts() {
    c.get(acct);
    sim.requests().reset();
    assertEquals(0, sim.requests().total());
    assertEquals(0, sim.requests().count("GET", Paths.ACCOUNT));
    assertTrue(sim.requests().all().isEmpty());
    assertTrue(sim.requests().countsByEndpoint().isEmpty());
  }

  @Test
  void concurrentRequestsAreAllServedAndLogged() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int page = 1 + i % 3;
        results.add(pool.submit(() -> c.get(acct + "/members?per_page=10&page=" + page).status()));
      }
      for (Future<Integer> f : results) {
        assertEquals(200, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(200, sim.requests().count("GET", Paths.MEMBERS));
  }
}
