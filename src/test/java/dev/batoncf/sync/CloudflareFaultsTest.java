package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.cloudflare.http.HttpSettings;
import dev.batoncf.cloudflare.http.RateBudget;
import dev.batoncf.cloudflare.http.SlidingWindowRateLimiter;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.SimSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cloudflare-side faults, one row each: a good sync writes the file first, then the same sync runs
 * against the faulty simulator onto the same target. Either it completes with the right rows, or it
 * fails with one clear line and the previous file is byte-identical. The README's fault table says
 * the same in words.
 *
 * <p>What "right" means where Cloudflare's answer is itself wrong: a duplicate id across pages is
 * one row (the writer upserts); a missing {@code result_info} ends the list at a short page; a
 * {@code total_pages} that contradicts an honest {@code total_count} is read past; an empty page
 * while {@code result_info} says more remain fails the sync (what was read is not the whole list,
 * and a partial list must never replace a complete one).
 */
class CloudflareFaultsTest {
  private static final int MEMBERS = 120; // three member pages of 50
  private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
  private static final Duration LOCKOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  /** What a row expects: the rows it checks after success, or a piece of the one-line error. */
  record Expect(Consumer<Run> rows, String error) {
    static Expect completes(Consumer<Run> rows) {
      return new Expect(rows, null);
    }

    static Expect fails(String error) {
      return new Expect(null, error);
    }
  }

  /** A finished faulty sync: the simulator, the file, the wall time, the good file's grants. */
  record Run(CfSimulator sim, Path file, Duration wall, Set<String> goodGrants) {}

  record Fault(
      String name,
      boolean demo,
      Duration retryDeadline,
      Consumer<CfSimulator> inject,
      Expect expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> faults() {
    Duration deadline = Duration.ofSeconds(30);
    return Stream.of(
            new Fault(
                "429 storm with Retry-After",
                false,
                deadline,
                sim -> sim.faults().next(3).matching("GET", "/members").rateLimited(1),
                Expect.completes(
                    run -> {
                      allMembersSynced(run);
                      assertEquals(3, count(run, 429));
                      atLeast(run, Duration.ofSeconds(3));
                    })),
            new Fault(
                "429 storm without Retry-After: the lockout is waited out",
                false,
                deadline,
                sim -> sim.faults().next(2).matching("GET", "/roles").rateLimitedWithoutHeaders(),
                Expect.completes(
                    run -> {
                      allMembersSynced(run);
                      assertEquals(2, count(run, 429));
                      atLeast(run, LOCKOUT.multipliedBy(2));
                    })),
            new Fault(
                "scaled-down lockout (budget passed, 429s name no wait)",
                false,
                deadline,
                sim ->
                    sim.faults().rateLimitHeaders(false).budget(4, Duration.ofSeconds(1), LOCKOUT),
                Expect.completes(
                    run -> {
                      allMembersSynced(run);
                      assertTrue(count(run, 429) >= 1, "the budget was passed");
                      assertTrue(
                          count(run, 429) <= 2,
                          "one lockout each time, no storm: " + count(run, 429));
                      atLeast(run, LOCKOUT);
                    })),
            new Fault(
                "lockout longer than the retry deadline fails at once",
                false,
                Duration.ofSeconds(1),
                sim -> sim.faults().next(1).matching("GET", "/members").rateLimitedWithoutHeaders(),
                Expect.fails(
                    "Cloudflare rate limit (HTTP 429) without a stated wait: taken as "
                        + "Cloudflare's 2s lockout, longer than the retry deadline of 1s allows; retry "
                        + "after ")),
            new Fault(
                "5xx burst",
                false,
                deadline,
                sim -> sim.faults().next(3).matching("GET", "/members").serverError(502),
                Expect.completes(CloudflareFaultsTest::allMembersSynced)),
            new Fault(
                "connection resets",
                false,
                deadline,
                sim -> sim.faults().next(2).matching("GET", "/members").disconnect(),
                Expect.completes(CloudflareFaultsTest::allMembersSynced)),
            new Fault(
                "a response slower than the read timeout",
                false,
                deadline,
                sim ->
                    sim.faults().next(1).matching("GET", "/members").slow(Duration.ofMillis(1500)),
                Expect.completes(CloudflareFaultsTest::allMembersSynced)),
            new Fault(
                "truncated JSON",
                false,
                deadline,
                sim -> sim.faults().next(1).matching("GET", "/members").onPage(2).malformed(),
                Expect.fails(
                    "malformed response from Cloudflare: response body is not valid JSON "
                        + "(GET /accounts/{account_id}/members)")),
            new Fault(
                "invalid JSON",
                false,
                deadline,
                sim -> sim.faults().next(1).matching("GET", "/members").invalidJson(),
                Expect.fails("malformed response from Cloudflare")),
            new Fault(
                "an HTML page instead of JSON",
                false,
                deadline,
                sim -> sim.faults().next(1).matching("GET", "/roles").notJson(),
                Expect.fails("malformed response from Cloudflare")),
            new Fault(
                "result_info missing",
                false,
                deadline,
                sim ->
                    sim.faults()
                        .next(Integer.MAX_VALUE)
                        .matching("GET", "/members")
                        .rewrite(env -> without(env, "result_info")),
                Expect.completes(
                    run -> {
                      allMembersSynced(run);
                      assertEquals(3, run.sim().requests().count("GET", Paths.MEMBERS));
                    })),
            new Fault(
                "total_pages too small, total_count honest",
                false,
                deadline,
                sim ->
                    sim.faults()
                        .next(Integer.MAX_VALUE)
                        .matching("GET", "/roles$")
                        .rewrite(info(i -> i.addProperty("total_pages", 1))),
                Expect.completes(
                    run -> {
                      allMembersSynced(run);
                      assertEquals(
                          run.sim().account().listedRoles().size() + 1,
                          ids(run, "role").size(),
                          "every listed role and the hidden Super Admin");
                    })),
            new Fault(
                "total_count larger than the list",
                false,
                deadline,
                sim ->
                    sim.faults()
                        .next(Integer.MAX_VALUE)
                        .matching("GET", "/members")
                        .rewrite(info(i -> i.addProperty("total_count", 10_000))),
                Expect.fails(
                    "the members list page 4 is empty although result_info says more "
                        + "remain (total_count 10000, 50 per page)")),
            new Fault(
                "total_pages growing forever",
                false,
                deadline,
                sim ->
                    sim.faults()
                        .next(Integer.MAX_VALUE)
                        .matching("GET", "/roles$")
                        .rewrite(
                            env -> {
                              JsonObject i = env.getAsJsonObject("result_info");
                              i.remove("total_count");
                              i.addProperty("total_pages", i.get("page").getAsInt() + 1);
                              return env;
                            }),
                Expect.fails(
                    "the roles list page 3 is empty although result_info says more "
                        + "remain; what was read is not the whole list")),
            new Fault(
                "a page repeated forever",
                false,
                deadline,
                sim ->
                    sim.faults().next(Integer.MAX_VALUE).matching("GET", "/members").ignorePage(),
                Expect.fails(
                    "the members list page 2 has the same items as page 1 (the list "
                        + "repeats)")),
            new Fault(
                "an empty page in the middle",
                false,
                deadline,
                sim ->
                    sim.faults()
                        .next(1)
                        .matching("GET", "/members")
                        .onPage(2)
                        .rewrite(env -> with(env, "result", new JsonArray())),
                Expect.fails(
                    "the members list page 2 is empty although result_info says more "
                        + "remain (total_count 120, 50 per page)")),
            new Fault(
                "duplicate ids across pages (a member added mid-sync)",
                false,
                deadline,
                sim ->
                    sim.faults()
                        .hooks()
                        .afterNext(
                            "GET",
                            "/members",
                            () ->
                                sim.account()
                                    .putMember(
                                        new SimMember(
                                            "00000000000000000000000000000001",
                                            "aaa.first@acme.example",
                                            "pending",
                                            new SimMember.User(null, null, null, false),
                                            List.of(Seeds.ROLE_DNS),
                                            List.of()))),
                Expect.completes(
                    run -> {
                      // page 2 starts with page 1's last member again: one row for it, none lost
                      assertEquals(expectedUsers(run.sim().account()), ids(run, "user"));
                      assertEquals(
                          3,
                          run.sim().requests().count("GET", Paths.MEMBERS),
                          "the shifted list of 121 still ends on page 3");
                    })),
            new Fault(
                "null and missing fields",
                false,
                deadline,
                sim ->
                    sim.faults()
                        .next(Integer.MAX_VALUE)
                        .matching("GET", "/members")
                        .rewrite(
                            eachResult(
                                m -> {
                                  m.remove("email");
                                  m.add("roles", JsonNull.INSTANCE);
                                  m.remove("policies");
                                  if (m.get("user").isJsonObject()) {
                                    m.getAsJsonObject("user").add("first_name", JsonNull.INSTANCE);
                                    m.getAsJsonObject("user").remove("last_name");
                                  }
                                })),
                Expect.completes(
                    run -> {
                      assertEquals(expectedUsers(run.sim().account()), ids(run, "user"));
                      assertEquals(
                          List.of(),
                          SimSync.grants(run.file(), "role").stream()
                              .filter(
                                  g -> g.getPrincipal().getId().getResourceType().equals("user"))
                              .toList(),
                          "no roles were sent, so no role grants");
                      Resource any = SimSync.resources(run.file(), "user").get(0);
                      assertTrue(
                          any.getDisplayName().contains("@"),
                          "falls back to the email: " + any.getDisplayName());
                    })),
            new Fault(
                "unknown enum values (member status, Access rule kind)",
                true,
                deadline,
                sim -> {
                  sim.faults()
                      .next(1)
                      .matching("GET", "/members")
                      .rewrite(
                          eachResult(
                              m -> {
                                if (m.getAsJsonObject("user").has("id")
                                    && m.get("status").getAsString().equals("accepted")
                                    && m.getAsJsonObject("user")
                                        .get("id")
                                        .getAsString()
                                        .equals(Seeds.DEMO_USER_ZOE)) {
                                  m.addProperty("status", "suspended_by_policy");
                                }
                              }));
                  sim.faults()
                      .next(1)
                      .matching("GET", "/access/groups$")
                      .rewrite(
                          eachResult(
                              g -> {
                                JsonObject rule = new JsonObject();
                                JsonObject body = new JsonObject();
                                body.addProperty("level", 3);
                                rule.add("quantum_posture", body);
                                g.getAsJsonArray("include").add(rule);
                              }));
                },
                Expect.completes(
                    run -> {
                      Set<String> users = expectedUsers(run.sim().account());
                      users.remove(
                          Seeds.DEMO_USER_ZOE); // neither a user nor an invitation any more
                      assertEquals(users, ids(run, "user"));
                      assertEquals(run.sim().account().groups().size(), ids(run, "group").size());
                    })),
            new Fault(
                "Zero Trust list items nested (older deployments)",
                true,
                deadline,
                sim -> sim.account().listItemsNested(true),
                Expect.completes(
                    run -> {
                      Set<String> grants = grantIds(run.file());
                      assertTrue(
                          grants.stream().anyMatch(g -> g.startsWith("group:")), "group grants");
                      assertEquals(run.goodGrants(), grants, "the same grants as from flat items");
                    })),
            new Fault(
                "huge strings and unicode",
                false,
                deadline,
                sim -> {
                  SimMember m =
                      sim.account().members().stream()
                          .filter(x -> x.status().equals("accepted") && x.user() != null)
                          .findFirst()
                          .orElseThrow();
                  sim.account()
                      .putMember(
                          new SimMember(
                              m.id(),
                              m.email(),
                              m.status(),
                              new SimMember.User(
                                  m.user().id(), HUGE_NAME, "Ñandú \u202Eevil\u202C", false),
                              m.roleIds(),
                              m.policies()));
                },
                Expect.completes(
                    run -> {
                      allMembersSynced(run);
                      String id =
                          run.sim().account().members().stream()
                              .filter(
                                  x -> x.user() != null && HUGE_NAME.equals(x.user().firstName()))
                              .findFirst()
                              .orElseThrow()
                              .user()
                              .id();
                      Resource r =
                          SimSync.resources(run.file(), "user").stream()
                              .filter(u -> u.getId().getResource().equals(id))
                              .findFirst()
                              .orElseThrow();
                      String name = r.getDisplayName();
                      // compared without printing 200,000 characters on failure
                      assertTrue(
                          name.equals(HUGE_NAME + " Ñandú \u202Eevil\u202C"),
                          "display name of " + name.length() + " chars differs");
                    })))
        .map(Arguments::of);
  }

  /** 200,000 characters: accents, CJK, an emoji outside the BMP, right-to-left text. */
  static final String HUGE_NAME = "Zoë " + "名字🙂עברית".repeat(200_000 / 9);

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachFaultCompletesWithTheRightRowsOrFailsInOneLineKeepingThePreviousFile(Fault fault)
      throws Exception {
    SimAccount account =
        fault.demo() ? Seeds.demo() : Seeds.generated(new Seeds.Scale(MEMBERS, 60, 5, 0, 0), 11);
    Path file = dir.resolve("sync.c1z");
    try (CfSimulator sim = CfSimulator.start(account)) {
      sync(sim, fault, file);
      byte[] good = Files.readAllBytes(file);
      Set<String> goodGrants = grantIds(file);
      sim.requests().reset();
      fault.inject().accept(sim);

      long start = System.nanoTime();
      Exception failure = null;
      try {
        sync(sim, fault, file);
      } catch (CloudflareException e) {
        failure = e;
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      if (fault.expect().error() == null) {
        if (failure != null) {
          throw new AssertionError("expected the sync to complete", failure);
        }
        fault.expect().rows().accept(new Run(sim, file, wall, goodGrants));
      } else {
        assertNotNull(failure, "expected the sync to fail");
        String message = failure.getMessage();
        assertTrue(message.contains(fault.expect().error()), message);
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertArrayEquals(good, Files.readAllBytes(file), "the previous file is untouched");
        assertTrue(wall.compareTo(Duration.ofSeconds(10)) < 0, "failed without hanging: " + wall);
      }
      try (var listing = Files.list(dir)) {
        assertEquals(
            List.of(file),
            listing
                .filter(
                    p -> !p.getFileName().toString().equals(dev.batoncf.files.OutputLock.LOCK_FILE))
                .toList(),
            "no temp files left");
      }
    }
  }

  private static void sync(CfSimulator sim, Fault fault, Path file) throws Exception {
    HttpSettings s =
        HttpSettings.defaults(sim.baseUrl(), SimSync.demoToken())
            .withTimeouts(Duration.ofSeconds(2), READ_TIMEOUT, Duration.ofSeconds(10))
            .withRetry(fault.retryDeadline(), 8)
            .withRateLimitLockout(LOCKOUT)
            .withRateLimits(new RateBudget(100_000, Duration.ofMinutes(5)), 1000);
    try (CloudflareClient client =
        new CloudflareClient(
            s, sim.account().id(), SlidingWindowRateLimiter.forSettings(s), HttpEvents.none())) {
      CloudflareConnector connector =
          new CloudflareConnector(client, new ConnectorOptions(fault.demo()));
      new FileSync(connector, null).run(file, Progress.NONE);
    }
  }

  // ---- expectations

  static Set<String> expectedUsers(SimAccount account) {
    return account.members().stream()
        .filter(m -> m.status().equals("accepted") && m.user() != null && m.user().id() != null)
        .map(m -> m.user().id())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static void allMembersSynced(Run run) {
    assertEquals(expectedUsers(run.sim().account()), ids(run, "user"));
    Set<String> invitations =
        run.sim().account().members().stream()
            .filter(m -> m.status().equals("pending"))
            .map(SimMember::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(invitations, ids(run, "invitation"));
  }

  static Set<String> ids(Run run, String type) {
    return SimSync.resources(run.file(), type).stream()
        .map(r -> r.getId().getResource())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<String> grantIds(Path file) {
    return SimSync.grants(file, null).stream()
        .map(g -> g.getId())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static long count(Run run, int status) {
    return run.sim().requests().all().stream().filter(r -> r.status() == status).count();
  }

  static void atLeast(Run run, Duration d) {
    assertTrue(run.wall().compareTo(d) >= 0, "waited " + run.wall() + ", expected " + d);
  }

  // ---- envelope edits

  static JsonObject without(JsonObject env, String field) {
    env.remove(field);
    return env;
  }

  static JsonObject with(JsonObject env, String field, JsonElement value) {
    env.add(field, value);
    return env;
  }

  static UnaryOperator<JsonObject> info(Consumer<JsonObject> edit) {
    return env -> {
      edit.accept(env.getAsJsonObject("result_info"));
      return env;
    };
  }

  static UnaryOperator<JsonObject> eachResult(Consumer<JsonObject> edit) {
    return env -> {
      env.getAsJsonArray("result").forEach(e -> edit.accept(e.getAsJsonObject()));
      return env;
    };
  }
}
