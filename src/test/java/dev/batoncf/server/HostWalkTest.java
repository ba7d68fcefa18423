package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Baton-like host walks the server over a real loopback connection; what it collects must be what
 * the CLI's sync of the same simulated account writes, for no more Cloudflare requests, with no
 * upstream page read twice.
 */
class HostWalkTest {
  /** Small, so every listing crosses several page boundaries. */
  static final int PAGE_SIZE = 7;

  static final String SYNC_ID = "2pXbTqL0cVYmUWhHGxk3bFzJrNa";

  @TempDir Path dir;

  @Test
  void demoAccountWalkEqualsCliSyncAtTheSameCost() {
    Result r = compare(Seeds.demo(), "demo");
    // 20 accepted users in pages of 7 -> at least 3 pages of users.
    assertTrue(r.walk.pagesPerListing().get("resources/" + ResourceTypes.USER_ID) >= 3);
    assertTrue(
        r.walk.emptyPagesWithToken() > 0,
        "listings must advance over upstream pages that add nothing to them");
  }

  @Test
  void generatedAccountWithSeveralMemberPagesWalksEqualAtTheSameCost() {
    SimAccount account = Seeds.generated(Seeds.Scale.ofMembers(300), 42);
    Result r = compare(account, "generated 300 members");
    // 300 members at Cloudflare's page size of 50: six member pages, each read once.
    assertEquals(6, r.hostCounts.get("GET " + Paths.MEMBERS));
    assertTrue(
        r.walk.resources().stream()
                .filter(x -> x.getId().getResourceType().equals(ResourceTypes.USER_ID))
                .count()
            > 250);
  }

  @Test
  void concurrentWalkersOfOneSyncShareItsSnapshot() throws Exception {
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      f.sim.requests().reset();
      ServerFixture.CliSync cli = f.cliSync(dir);
      Map<String, Integer> cliCounts = f.sim.requests().countsByEndpoint();
      f.sim.requests().reset();
      ManagedChannel ch = f.channel();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<HostWalker.Walk>> walks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          // Same sync id, different page sizes; no Cleanup, which would end the shared sync.
          int size = PAGE_SIZE + i;
          walks.add(pool.submit(() -> new HostWalker(ch, SYNC_ID, size, false).walk()));
        }
        for (Future<HostWalker.Walk> w : walks) {
          assertSameRows(cli, w.get());
        }
      } finally {
        pool.shutdownNow();
      }
      // Three walks (three Validate calls), one snapshot: the lists were read once.
      Map<String, Integer> host = new TreeMap<>(f.sim.requests().countsByEndpoint());
      Map<String, Integer> expected = new TreeMap<>(cliCounts);
      expected.merge("GET " + Paths.ACCOUNT, 2, Integer::sum);
      assertEquals(expected, host);
    }
  }

  /** Walks with page size 7 and compares everything with the CLI's sync of the same account. */
  private Result compare(SimAccount account, String label) {
    try (ServerFixture f = ServerFixture.start(account, ServerOptions.defaults())) {
      f.sim.requests().reset();
      ServerFixture.CliSync cli = f.cliSync(dir);
      Map<String, Integer> cliCounts = new TreeMap<>(f.sim.requests().countsByEndpoint());
      int cliTotal = f.sim.requests().total();
      f.sim.requests().reset();

      HostWalker.Walk walk = new HostWalker(f.channel(), SYNC_ID, PAGE_SIZE, true).walk();
      Map<String, Integer> hostCounts = new TreeMap<>(f.sim.requests().countsByEndpoint());
      int hostTotal = f.sim.requests().total();
      assertNoPageReadTwice(f.sim.requests());

      System.out.printf(
          "[%s] Cloudflare requests: host-driven walk %d (%d RPCs), CLI sync %d;"
              + " host %s; CLI %s%n",
          label, hostTotal, walk.rpcs(), cliTotal, hostCounts, cliCounts);
      assertTrue(hostTotal <= cliTotal, "host walk " + hostTotal + " > CLI " + cliTotal);
      assertEquals(cliCounts, hostCounts, "the walk must read exactly the CLI's pages");
      assertSameRows(cli, walk);
      return new Result(walk, hostCounts);
    }
  }

  private record Result(HostWalker.Walk walk, Map<String, Integer> hostCounts) {}

  static void assertSameRows(ServerFixture.CliSync cli, HostWalker.Walk walk) {
    assertEquals(byKey(cli.types(), t -> t.getId()), byKey(walk.types(), t -> t.getId()));
    assertEquals(
        byKey(cli.resources(), HostWalkTest::key), byKey(walk.resources(), HostWalkTest::key));
    assertEquals(
        byKey(cli.entitlements(), e -> e.getId()), byKey(walk.entitlements(), e -> e.getId()));
    assertEquals(
        byKey(asListed(cli.grants()), g -> g.getId()), byKey(walk.grants(), g -> g.getId()));
    assertTrue(walk.grants().size() > 0 && walk.entitlements().size() > 0);
  }

  /**
   * The CLI's file also holds what its expansion derived, which a host's syncer derives itself from
   * the walk: the grants the connector listed are the file's grants without the derived ones and
   * without the sources expansion added. A derived grant is told by its sources (none of them its
   * own entitlement), not by GrantImmutable, which the connector also sets itself on SCIM-owned
   * memberships.
   */
  static List<Grant> asListed(List<Grant> fileGrants) {
    return fileGrants.stream()
        .filter(g -> !derived(g))
        .map(g -> g.toBuilder().clearSources().build())
        .toList();
  }

  static boolean derived(Grant g) {
    var sources = g.getSources().getSourcesMap();
    return !sources.isEmpty() && !sources.containsKey(g.getEntitlement().getId());
  }

  /** Every row once: a duplicate id across pages fails here. */
  static <T extends Message> Map<String, T> byKey(List<T> rows, Function<T, String> key) {
    Map<String, T> out = new HashMap<>();
    for (T row : rows) {
      T before = out.put(key.apply(row), row);
      assertEquals(null, before, "row " + key.apply(row) + " listed twice");
    }
    return out;
  }

  private static String key(Resource r) {
    return r.getId().getResourceType() + ":" + r.getId().getResource();
  }

  /** Each GET (path and query) at most once: no page, group or list fetched twice. */
  static void assertNoPageReadTwice(RequestLog log) {
    assertNoPageReadTwice(log.all());
  }

  static void assertNoPageReadTwice(List<RequestLog.Recorded> requests) {
    Map<String, Integer> seen = new HashMap<>();
    for (RequestLog.Recorded r : requests) {
      if (r.method().equals("GET")) {
        seen.merge(r.path() + "?" + new TreeMap<>(r.query()), 1, Integer::sum);
      }
    }
    seen.forEach((request, n) -> assertEquals(1, n, request + " was requested " + n + " times"));
  }
}
