package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.AdminConsole;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccessUser;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimList;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.simulator.SimRisk;
import dev.batoncf.simulator.SimRole;
import dev.batoncf.simulator.SimToken;
import dev.batoncf.simulator.Wire;
import dev.batoncf.support.SimSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a random account, random sequences of changes (through the simulator's API-visible console,
 * which logs them, and unlogged ones: logins, risk levels, invites answered), each followed by an
 * incremental sync of one file and a full sync of the same state into another: the two must hold
 * identical resources, entitlements and grants every time. A failure names its seed; rerun it with
 * {@code -Dincremental.seed=<seed>}.
 */
class IncrementalPropertyTest {
  private static final int SEEDS = 4;
  private static final int ROUNDS = 4;

  @TempDir Path dir;

  @Test
  void incrementalFilesEqualFullSyncsOfTheSameState() {
    String fixed = System.getProperty("incremental.seed");
    long base = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    int seeds = fixed != null ? 1 : SEEDS;
    for (int i = 0; i < seeds; i++) {
      long seed = base + i;
      try {
        runSeed(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "incremental property failed for seed "
                + seed
                + " (rerun with -Dincremental.seed="
                + seed
                + "): "
                + e.getMessage(),
            e);
      }
    }
  }

  private void runSeed(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SimAccount account =
        Seeds.generated(
            new Seeds.Scale(60 + random.nextInt(80), 6, 3, 20 + random.nextInt(20), 6), seed);
    Path incremental = dir.resolve("inc-" + seed + ".c1z");
    try (CfSimulator sim = CfSimulator.start(account)) {
      sim.account().acceptApiToken(Seeds.DEMO_API_TOKEN, Seeds.DEMO_TOKEN_ID, true);
      IncrementalSync.Result first = incremental(sim, incremental);
      assertEquals("no previous file " + incremental, first.fallbackReason());
      Changes changes = new Changes(sim.account(), random);
      for (int round = 0; round < ROUNDS; round++) {
        List<String> applied = changes.apply(1 + random.nextInt(5));
        IncrementalSync.Result r = incremental(sim, incremental);
        assertNull(r.fallbackReason(), "round " + round + " fell back after " + applied);
        Path full = dir.resolve("full-" + seed + "-" + round + ".c1z");
        SimSync.fileSync(sim, full, 0);
        assertSame(full, incremental, "round " + round + " after " + applied);
      }
    }
  }

  private static IncrementalSync.Result incremental(CfSimulator sim, Path file) {
    try (CloudflareClient client = SimSync.client(sim, SimSync.demoToken())) {
      CloudflareConnector c = new CloudflareConnector(client, new ConnectorOptions(true));
      return new IncrementalSync(c, null, 1, IncrementalSync.DEFAULT_FULL_SYNC_EVERY)
          .run(file, Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Same resources, entitlements and grants (expanded ones included), compared as sets. */
  static void assertSame(Path expected, Path actual, String when) {
    Snapshot e = Snapshot.of(expected);
    Snapshot a = Snapshot.of(actual);
    assertEquals(
        ids(
            e.resources.stream()
                .map(r -> r.getId().getResourceType() + ":" + r.getId().getResource())),
        ids(
            a.resources.stream()
                .map(r -> r.getId().getResourceType() + ":" + r.getId().getResource())),
        when + ": resource ids");
    assertEquals(e.resources, a.resources, when + ": resources");
    assertEquals(
        ids(e.entitlements.stream().map(Entitlement::getId)),
        ids(a.entitlements.stream().map(Entitlement::getId)),
        when + ": entitlement ids");
    assertEquals(e.entitlements, a.entitlements, when + ": entitlements");
    assertEquals(
        ids(e.grants.stream().map(Grant::getId)),
        ids(a.grants.stream().map(Grant::getId)),
        when + ": grant ids");
    assertEquals(e.grants, a.grants, when + ": grants");
    assertTrue(!e.grants.isEmpty() && !e.resources.isEmpty(), when + ": the account is not empty");
  }

  private static Set<String> ids(java.util.stream.Stream<String> s) {
    return s.collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every row of a file's latest sync. */
  record Snapshot(Set<Resource> resources, Set<Entitlement> entitlements, Set<Grant> grants) {
    static Snapshot of(Path file) {
      Set<Resource> resources = new HashSet<>();
      Set<Entitlement> entitlements = new HashSet<>();
      Set<Grant> grants = new HashSet<>();
      try (C1zReader r = C1zReader.open(file)) {
        r.forEachResource(null, resources::add);
        r.forEachEntitlement(null, null, entitlements::add);
        r.forEachGrant(GrantFilter.any(), grants::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Snapshot(resources, entitlements, grants);
    }
  }

  /** Random changes to the account, logged as Cloudflare would or not logged at all. */
  static final class Changes {
    private final SimAccount account;
    private final AdminConsole console;
    private final SplittableRandom random;
    private int made;

    Changes(SimAccount account, SplittableRandom random) {
      this.account = account;
      this.console = new AdminConsole(account);
      this.random = random;
    }

    List<String> apply(int n) {
      List<String> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        done.add(one());
      }
      return done;
    }

    private String one() {
      made++;
      switch (random.nextInt(11)) {
        case 0 -> {
          console.invite("new" + made + "-" + random.nextInt(1000) + "@acme.example", roles());
          return "invite";
        }
        case 1 -> {
          SimMember m = pick(Wire.STATUS_PENDING);
          if (m == null) {
            return "accept (none pending)";
          }
          console.accept(
              m.id(),
              new SimMember.User(account.newHex32(), "New", "User" + made, random.nextBoolean()));
          return "accept " + m.id();
        }
        case 2 -> {
          SimMember m = pick(Wire.STATUS_ACCEPTED);
          if (m == null || m.managedByPolicies()) {
            return "set roles (none)";
          }
          console.setRoles(m.id(), roles());
          return "set roles " + m.id();
        }
        case 3 -> {
          SimMember m = pick(random.nextBoolean() ? Wire.STATUS_ACCEPTED : Wire.STATUS_PENDING);
          if (m == null) {
            return "remove (none)";
          }
          console.removeMember(m.id());
          return "remove " + m.id();
        }
        case 4 -> {
          SimMember m = pick(Wire.STATUS_PENDING);
          if (m == null) {
            return "reject (none pending)";
          }
          // the invitee answers: Cloudflare's account log need not say so
          boolean accept = random.nextBoolean();
          account.putMember(
              new SimMember(
                  m.id(),
                  m.email(),
                  accept ? Wire.STATUS_ACCEPTED : Wire.STATUS_REJECTED,
                  accept
                      ? new SimMember.User(account.newHex32(), null, "Quiet" + made, true)
                      : m.user(),
                  m.roleIds(),
                  m.policies()));
          return (accept ? "accept" : "reject") + " unlogged " + m.id();
        }
        case 5 -> {
          List<SimToken> tokens = account.tokens();
          SimToken t = tokens.get(random.nextInt(tokens.size()));
          console.putToken(
              new SimToken(
                  t.id(),
                  t.name() + "+",
                  random.nextBoolean() ? "active" : "disabled",
                  t.issuedOn(),
                  account.now(),
                  t.lastUsedOn(),
                  t.notBefore(),
                  t.expiresOn(),
                  t.creatorEmailAtCreation(),
                  t.provisionerType(),
                  t.provisionerId(),
                  t.requestIpIn(),
                  t.requestIpNotIn(),
                  t.policies()));
          return "token " + t.id();
        }
        case 6 -> {
          List<JsonObject> groups = account.groups();
          JsonObject g = groups.get(random.nextInt(groups.size()));
          JsonArray include = new JsonArray();
          JsonObject email = new JsonObject();
          JsonObject inner = new JsonObject();
          inner.addProperty("email", accessEmail());
          email.add("email", inner);
          include.add(email);
          g.add("include", include);
          console.putGroup(g);
          return "group " + g.get("id").getAsString();
        }
        case 7 -> {
          String id = account.newUuid();
          account.putAccessUser(
              new SimAccessUser(
                  id,
                  id,
                  "login" + made + "@acme.example",
                  "Login " + made,
                  true,
                  false,
                  account.newHex32(),
                  1,
                  account.now(),
                  account.now(),
                  account.now()));
          return "access user appears at login (unlogged)";
        }
        case 8 -> {
          List<SimAccessUser> users = account.accessUsers();
          SimAccessUser u = users.get(random.nextInt(users.size()));
          String level =
              List.of(Wire.RISK_LOW, Wire.RISK_MEDIUM, Wire.RISK_HIGH).get(random.nextInt(3));
          account.putRisk(
              u.id(),
              new SimRisk(
                  level,
                  List.of(
                      new SimRisk.Event(
                          account.newUuid(), "Impossible travel", level, account.now(), null)),
                  null));
          return "risk level (unlogged) " + u.id();
        }
        case 9 -> {
          List<SimList> lists = account.lists();
          if (lists.isEmpty()) {
            return "list (none)";
          }
          SimList l = lists.get(random.nextInt(lists.size()));
          List<SimList.Item> items = new ArrayList<>(l.items());
          items.add(new SimList.Item(accessEmail(), "", null));
          if (items.size() > 2) {
            items.remove(random.nextInt(items.size() - 1));
          }
          console.putList(
              new SimList(
                  l.id(),
                  l.name(),
                  l.description(),
                  l.type(),
                  l.createdAt(),
                  account.now(),
                  items));
          return "list " + l.id();
        }
        default -> {
          SimMember m = pick(Wire.STATUS_ACCEPTED);
          if (m == null) {
            return "view (none)";
          }
          console.logOther("members", "member", m.id(), "view");
          return "view " + m.id();
        }
      }
    }

    private String accessEmail() {
      List<SimAccessUser> users = account.accessUsers();
      return users.get(random.nextInt(users.size())).email();
    }

    private SimMember pick(String status) {
      List<SimMember> all =
          account.members().stream().filter(m -> m.status().equals(status)).toList();
      return all.isEmpty() ? null : all.get(random.nextInt(all.size()));
    }

    private List<String> roles() {
      List<SimRole> roles = account.roles();
      Set<String> ids = new TreeSet<>();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        ids.add(roles.get(random.nextInt(roles.size())).id());
      }
      return List.copyOf(ids);
    }
  }
}
