package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.connector.ProfileKeys;
import dev.batoncf.connector.Protos;
import dev.batoncf.connector.RoleSyncer;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.SimSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncIntegrationTest {
  static final String MEMBERS = "/accounts/{account_id}/members";
  static final String ROLES = "/accounts/{account_id}/roles";
  static final String TOKENS = "/accounts/{account_id}/tokens";

  @TempDir Path dir;

  private static Set<String> ids(List<Resource> rs) {
    return rs.stream()
        .map(r -> r.getId().getResource())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static int pages(int items) {
    return Math.max(1, (items + 49) / 50);
  }

  /** Every page of every list was requested exactly once. */
  private static void assertNoPageTwice(RequestLog log) {
    Set<String> seen = new HashSet<>();
    for (RequestLog.Recorded r : log.all()) {
      String key = r.method() + " " + r.path() + "?" + new java.util.TreeMap<>(r.query());
      assertTrue(seen.add(key), "fetched twice: " + key);
    }
  }

  @ParameterizedTest(name = "{0} members")
  @ValueSource(ints = {1, 50, 51, 101})
  void pageBoundariesCostTheMinimumAndNoPageTwice(int members) {
    SimAccount account = Seeds.generated(new Seeds.Scale(members, 60, 10, 0, 0), 7);
    try (CfSimulator sim = CfSimulator.start(account)) {
      Path file = dir.resolve("m" + members + ".c1z");
      SyncResult r = SimSync.sync(sim, SimSync.demoToken(), file, false);

      RequestLog log = sim.requests();
      assertEquals(pages(members), log.count("GET", MEMBERS));
      assertEquals(2, log.count("GET", ROLES));
      assertEquals(1, log.count("GET", TOKENS));
      // validate, roles, resource groups, user groups (none: no members lists), members, tokens
      assertEquals(
          1 + 2 + 1 + 1 + pages(members) + 1, log.total(), log.countsByEndpoint().toString());
      assertEquals(dev.batoncf.bench.SyncBenchmark.minimumRequests(account, false), log.total());
      assertEquals(log.total(), r.requests());
      assertNoPageTwice(log);
      log.all().stream()
          .filter(x -> x.template().equals(MEMBERS))
          .forEach(x -> assertEquals("50", x.query().get("per_page")));

      long accepted =
          account.members().stream()
              .filter(m -> m.status().equals("accepted") && m.user() != null)
              .count();
      long pending = account.members().stream().filter(m -> m.status().equals("pending")).count();
      assertEquals(accepted, r.resourcesByType().get("user"));
      assertEquals(pending, r.resourcesByType().get("invitation"));
      assertEquals(
          members,
          accepted
              + pending
              + account.members().stream().filter(m -> m.status().equals("rejected")).count());
    }
  }

  @Test
  void demoAccountReadBackEqualsWhatTheSimulatorHolds() {
    SimAccount account = Seeds.demo();
    try (CfSimulator sim = CfSimulator.start(account)) {
      Path file = dir.resolve("demo.c1z");
      SyncResult r = SimSync.sync(sim, SimSync.demoToken(), file, true);
      assertEquals(List.of(), r.skipped());

      Set<String> users = new TreeSet<>();
      Set<String> invitations = new TreeSet<>();
      Set<String> grants = new TreeSet<>();
      for (SimMember m : account.members()) {
        if (m.status().equals("accepted") && m.user() != null) {
          users.add(m.user().id());
          m.roleIds().forEach(role -> grants.add("role:" + role + ":member:user:" + m.user().id()));
        } else if (m.status().equals("pending")) {
          invitations.add(m.id());
        }
      }
      assertEquals(users, ids(SimSync.resources(file, "user")));
      assertEquals(invitations, ids(SimSync.resources(file, "invitation")));
      assertEquals(
          grants,
          SimSync.grants(file, "role").stream()
              .map(Grant::getId)
              .collect(Collectors.toCollection(TreeSet::new)));

      Set<String> roles =
          account.listedRoles().stream()
              .map(x -> x.id())
              .collect(Collectors.toCollection(TreeSet::new));
      assertFalse(roles.contains(RoleSyncer.SUPER_ADMIN_ID), "the demo list hides it");
      roles.add(RoleSyncer.SUPER_ADMIN_ID);
      assertEquals(roles, ids(SimSync.resources(file, "role")));
      assertEquals(roles.size(), SimSync.entitlements(file, "role").size());

      assertEquals(
          account.tokens().stream().map(t -> t.id()).collect(Collectors.toCollection(TreeSet::new)),
          ids(SimSync.resources(file, "api_token")));
      assertEquals(
          account.accessUsers().stream()
              .map(u -> u.id())
              .collect(Collectors.toCollection(TreeSet::new)),
          ids(SimSync.resources(file, "access_user")));
      assertEquals(account.groups().size(), SimSync.resources(file, "group").size());

      Resource kwame =
          SimSync.resources(file, "user").stream()
              .filter(
                  u ->
                      Seeds.DEMO_MEMBER_POLICY_KWAME.equals(
                          Protos.profileString(u.getProfile(), ProfileKeys.MEMBER_ID)))
              .findFirst()
              .orElseThrow();
      assertEquals("policies", Protos.profileString(kwame.getProfile(), ProfileKeys.MANAGED_BY));
      assertNoPageTwice(sim.requests());
    }
  }

  @Test
  void globalKeyModeSendsOnlyKeyHeadersAndSkipsTheTokenOnlyListWithAReason() {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      Path file = dir.resolve("key.c1z");
      Credentials key =
          new Credentials.GlobalApiKey(Seeds.DEMO_EMAIL, Secret.of(Seeds.DEMO_API_KEY));
      SyncResult r = SimSync.sync(sim, key, file, false);
      assertEquals(1, r.skipped().size());
      assertTrue(r.skipped().get(0).startsWith("api tokens skipped"), r.skipped().get(0));
      assertEquals(0L, r.resourcesByType().get("api_token"));
      assertTrue(r.resourcesByType().get("user") > 0);
      for (RequestLog.Recorded rec : sim.requests().all()) {
        assertFalse(rec.hasHeader("Authorization"), rec.endpoint());
        assertEquals(Seeds.DEMO_EMAIL, rec.header("X-Auth-Email"));
        assertEquals("****", rec.header("X-Auth-Key"));
      }
    }
  }

  @Test
  void tokenModeSendsOnlyTheBearerHeader() {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      SimSync.sync(sim, SimSync.demoToken(), dir.resolve("t.c1z"), false);
      for (RequestLog.Recorded rec : sim.requests().all()) {
        // The simulator authenticated every call; its log keeps only the redacted form.
        assertEquals(200, rec.status(), rec.endpoint());
        assertEquals("Bearer ****", rec.header("Authorization"));
        assertFalse(rec.hasHeader("X-Auth-Key"));
        assertFalse(rec.hasHeader("X-Auth-Email"));
      }
    }
  }

  @Test
  void rateLimitWithRetryAfterIsWaitedOutAndTheSyncSucceeds() {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      sim.faults().next(1).matching("GET", "/members").rateLimited(1);
      long start = System.nanoTime();
      SyncResult r = SimSync.sync(sim, SimSync.demoToken(), dir.resolve("rl.c1z"), false);
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(ms >= 1000, "waited " + ms + " ms");
      assertEquals(2, sim.requests().count("GET", MEMBERS));
      assertEquals(20, r.resourcesByType().get("user"));
      assertTrue(r.rateLimitWait().toMillis() >= 900, r.rateLimitWait().toString());
    }
  }

  @Test
  void serverErrorsAreRetried() {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      sim.faults().next(2).matching("GET", "/roles").serverError(503);
      SyncResult r = SimSync.sync(sim, SimSync.demoToken(), dir.resolve("5xx.c1z"), false);
      assertEquals(61L, r.resourcesByType().get("role"));
      assertEquals(4, sim.requests().count("GET", ROLES));
    }
  }

  @Test
  void malformedJsonFailsClearlyAndLeavesThePreviousFileIntact() throws Exception {
    Path file = dir.resolve("keep.c1z");
    byte[] previous = "previous sync, must survive".getBytes();
    Files.write(file, previous);
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      sim.faults().next(1).matching("GET", "/members").malformed();
      CloudflareException.Malformed e =
          assertThrows(
              CloudflareException.Malformed.class,
              () -> SimSync.sync(sim, SimSync.demoToken(), file, false));
      assertTrue(e.getMessage().startsWith("malformed response from Cloudflare"), e.getMessage());
      assertTrue(e.getMessage().contains("GET /accounts/{account_id}/members"), e.getMessage());
    }
    assertArrayEquals(previous, Files.readAllBytes(file));
    try (var listing = Files.list(dir)) {
      assertEquals(
          List.of(dir.resolve(".baton-cloudflare.lock"), file),
          listing.sorted().toList(),
          "no temp files left (the directory's lock file stays)");
    }
  }

  @Test
  void aSyncFailingHalfwayLeavesThePreviousFileByteIdentical() throws Exception {
    Path file = dir.resolve("half.c1z");
    try (CfSimulator sim = CfSimulator.start(Seeds.generated(Seeds.Scale.ofMembers(120), 3))) {
      SimSync.sync(sim, SimSync.demoToken(), file, false);
      byte[] good = Files.readAllBytes(file);
      sim.requests().reset();
      // once page 1 of members is served, the next members call (page 2) answers 400, which is
      // not retried: the sync stops mid-way
      sim.faults()
          .hooks()
          .afterNext(
              "GET",
              "/members",
              () -> sim.faults().next(1).matching("GET", "/members").status(400, 1004, "boom"));
      assertThrows(
          CloudflareException.BadRequest.class,
          () -> SimSync.sync(sim, SimSync.demoToken(), file, false));
      assertEquals(2, sim.requests().count("GET", MEMBERS), "page 1 and the failing page 2");
      assertArrayEquals(good, Files.readAllBytes(file));
    }
  }
}
