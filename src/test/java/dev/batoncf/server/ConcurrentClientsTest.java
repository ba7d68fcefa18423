package dev.batoncf.server;

import static dev.batoncf.server.ProvisioningTest.grantRequest;
import static dev.batoncf.server.ProvisioningTest.revokeRequest;
import static dev.batoncf.server.ProvisioningTest.roleEntitlement;
import static dev.batoncf.server.ProvisioningTest.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantAlreadyExists;
import dev.batoncf.pb.connector.v2.GrantAlreadyRevoked;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 clients on 50 connections at once: 40 walk one sync while 10 grant and revoke roles of one
 * member. Every walker sees the same complete rows (one shared snapshot), the member ends with
 * exactly the roles the writers left (no lost update between concurrent read-modify-write changes),
 * every outcome is right and idempotent, and Cloudflare sees one walk's pages plus the writes'
 * requests, nothing more.
 */
class ConcurrentClientsTest {
  static final int WALKERS = 40;
  static final int WRITERS = 10;
  static final String SYNC = "2pXbTqL0cVYmUWhHGxk3bFzJrCc";

  @TempDir Path dir;

  @Test
  void fiftyClientsListingAndProvisioningStayCorrectWithinOneRequestBudget() throws Exception {
    ServerOptions options =
        ServerOptions.defaults()
            .withProvisioning(true)
            .withCallLimits(
                CallLimits.DEFAULTS.with(Map.of("list", WALKERS, "provision", WRITERS)));
    try (ServerFixture f = ServerFixture.start(Seeds.demo(), options)) {
      ServerFixture.CliSync before = f.cliSync(dir);
      Map<String, Integer> cliCounts = f.sim.requests().countsByEndpoint();
      f.sim.requests().reset();
      List<String> zoeRoles = List.copyOf(roles(f));
      List<String> added =
          f.sim.account().listedRoles().stream()
              .map(SimRole::id)
              .filter(id -> !zoeRoles.contains(id))
              .limit(WRITERS)
              .toList();
      assertEquals(WRITERS, added.size());

      ExecutorService pool = Executors.newFixedThreadPool(WALKERS + WRITERS);
      CyclicBarrier allGranted = new CyclicBarrier(WRITERS);
      List<Future<HostWalker.Walk>> walks = new ArrayList<>();
      List<Future<?>> writes = new ArrayList<>();
      Set<String> afterGrants = ConcurrentHashMap.newKeySet();
      try {
        for (int i = 0; i < WALKERS; i++) {
          int pageSize = 10 + i % 7;
          var channel = f.channel();
          walks.add(pool.submit(() -> new HostWalker(channel, SYNC, pageSize, false).walk()));
        }
        for (String role : added) {
          var stub = GrantManagerServiceGrpc.newBlockingStub(f.channel());
          writes.add(
              pool.submit(
                  () -> {
                    Resource zoe = user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE);
                    var first = stub.grant(grantRequest(roleEntitlement(role), zoe));
                    assertEquals(
                        0, first.getAnnotationsCount(), "the first grant changes the member");
                    var again = stub.grant(grantRequest(roleEntitlement(role), zoe));
                    assertEquals(
                        1, again.getAnnotationsCount(), "role " + role + " was lost again");
                    assertTrue(again.getAnnotations(0).is(GrantAlreadyExists.class));
                    allGranted.await(60, TimeUnit.SECONDS);
                    afterGrants.addAll(roles(f));
                    Grant g = first.getGrants(0);
                    assertEquals(0, stub.revoke(revokeRequest(g)).getAnnotationsCount());
                    assertTrue(
                        stub.revoke(revokeRequest(g))
                            .getAnnotations(0)
                            .is(GrantAlreadyRevoked.class));
                    return null;
                  }));
        }
        for (Future<?> w : writes) {
          w.get(120, TimeUnit.SECONDS);
        }
        List<HostWalker.Walk> done = new ArrayList<>();
        for (Future<HostWalker.Walk> w : walks) {
          done.add(w.get(120, TimeUnit.SECONDS));
        }

        // Every role granted was there once all grants were done: no lost update.
        Set<String> expectedMidway = new HashSet<>(zoeRoles);
        expectedMidway.addAll(added);
        assertEquals(expectedMidway, afterGrants);
        assertEquals(Set.copyOf(zoeRoles), Set.copyOf(roles(f)), "every revoke applied");

        HostWalker.Walk first = done.get(0);
        for (HostWalker.Walk w : done) {
          assertEquals(rows(first), rows(w), "every walker sees the same rows");
        }
        // The writes touch Zoe's role grants and her user row (its profile lists role ids);
        // everything else is exactly what the CLI synced before.
        Set<String> touched = new HashSet<>();
        added.forEach(r -> touched.add("role:" + r + ":member:user:" + Seeds.DEMO_USER_ZOE));
        touched.add("user:" + Seeds.DEMO_USER_ZOE);
        Predicate<String> keep = k -> !touched.contains(k);
        assertEquals(
            filter(HostWalkTest.byKey(before.resources(), ConcurrentClientsTest::key), keep),
            filter(HostWalkTest.byKey(first.resources(), ConcurrentClientsTest::key), keep));
        assertEquals(
            HostWalkTest.byKey(before.entitlements(), e -> e.getId()),
            HostWalkTest.byKey(first.entitlements(), e -> e.getId()));
        assertEquals(
            filter(
                HostWalkTest.byKey(HostWalkTest.asListed(before.grants()), g -> g.getId()), keep),
            filter(HostWalkTest.byKey(first.grants(), g -> g.getId()), keep));
      } finally {
        pool.shutdownNow();
      }

      // One walk's pages (shared by all walkers), one Validate per walker, and the writes:
      // each grant or revoke GETs the member, and PUTs only when it changes something; a grant
      // first asks Cloudflare whether the role exists (unknown ids are refused before any write).
      Map<String, Integer> expected = new TreeMap<>(cliCounts);
      expected.put("GET " + Paths.ACCOUNT, WALKERS);
      expected.put("GET " + Paths.MEMBER, 4 * WRITERS);
      expected.put("PUT " + Paths.MEMBER, 2 * WRITERS);
      expected.put("GET " + Paths.ROLE, WRITERS);
      assertEquals(expected, new TreeMap<>(f.sim.requests().countsByEndpoint()));
      HostWalkTest.assertNoPageReadTwice(listRequests(f));
    }
  }

  private static List<String> roles(ServerFixture f) {
    return f.sim.account().member(Seeds.DEMO_MEMBER_ZOE).orElseThrow().roleIds();
  }

  /** Everything a walk collected, by key. */
  private static Map<String, Message> rows(HostWalker.Walk w) {
    Map<String, Message> m = new TreeMap<>();
    w.types().forEach(t -> m.put("type:" + t.getId(), t));
    w.resources().forEach(r -> m.put("resource:" + key(r), r));
    w.entitlements().forEach(e -> m.put("entitlement:" + e.getId(), e));
    w.grants().forEach(g -> m.put("grant:" + g.getId(), g));
    assertEquals(
        w.types().size() + w.resources().size() + w.entitlements().size() + w.grants().size(),
        m.size(),
        "no row listed twice");
    return m;
  }

  private static <T> Map<String, T> filter(Map<String, T> m, Predicate<String> keep) {
    Map<String, T> out = new TreeMap<>();
    m.forEach(
        (k, v) -> {
          if (keep.test(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static String key(Resource r) {
    return r.getId().getResourceType() + ":" + r.getId().getResource();
  }

  /** The recorded requests but the walkers' Validate and the writers' member GETs. */
  private static List<RequestLog.Recorded> listRequests(ServerFixture f) {
    return f.sim.requests().all().stream()
        .filter(r -> !r.path().matches(".*/members/[^/]+$|.*/accounts/[^/]+$"))
        .toList();
  }
}
