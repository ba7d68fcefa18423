package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import dev.batoncf.support.SimSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoping flags on the one-shot sync: what the file gets, and one-line refusals (exit 2). */
class SyncScopeCliTest {
  private static final String KNOWN =
      "(known: user, invitation, role, api_token, resource_group, user_group, access_user, group, access_app)";

  @TempDir Path dir;
  CfSimulator sim;
  Path out;
  final byte[] previous = "previous output".getBytes();

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
    List<String> args =
        new ArrayList<>(
            List.of(
                "--base-url",
                sim.baseUrl(),
                "--account-id",
                Seeds.DEMO_ACCOUNT_ID,
                "-f",
                out.toString(),
                "--retry-deadline-seconds",
                "3"));
    args.addAll(List.of(extra));
    return CliRun.run(Map.of("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN), args.toArray(String[]::new));
  }

  @Test
  void targetedSyncWithSkipGrantsWritesThePartialSyncAndSaysWhatItDid() throws Exception {
    CliRun r =
        sync(
            "--sync-resources",
            "role:" + Seeds.ROLE_DNS + ",user:" + Seeds.DEMO_USER_ZOE,
            "--skip-grants");
    assertEquals(0, r.code(), r.both());
    assertEquals(1, r.out().lines().count(), r.out());
    String line = r.out().strip();
    assertEquals(
        "synced 1 user, 0 invitations, 1 role, 0 api tokens, 0 resource groups, "
            + "0 user groups, 0 access users, 0 groups, 0 access apps; 1 entitlements, 0 grants; "
            + sim.requests().total()
            + " Cloudflare requests in ",
        line.substring(0, line.indexOf(" requests in ") + " requests in ".length()),
        line);
    // only the lists that hold roles and users were read
    assertEquals(2, sim.requests().count("GET", Paths.ROLES), "both role pages");
    assertEquals(1, sim.requests().count("GET", Paths.MEMBERS));
    assertEquals(0, sim.requests().count("GET", Paths.TOKENS));
    assertEquals(0, sim.requests().count("GET", Paths.ACCESS_USERS));
    assertEquals(0, sim.requests().count("GET", Paths.ACCESS_GROUPS));
    try (C1zReader reader = C1zReader.open(out)) {
      assertEquals("partial", reader.sync().syncType());
      assertEquals(Map.of("user", 1L, "role", 1L), nonZero(reader.counts().resourcesByType()));
      assertEquals(0, reader.counts().grants());
    }
  }

  @Test
  void resourceTypeFilterKeepsOnlyThoseTypes() throws Exception {
    CliRun r = sync("--sync-resource-types", "role");
    assertEquals(0, r.code(), r.both());
    List<Grant> grants = SimSync.grants(out, null);
    assertFalse(grants.isEmpty());
    grants.forEach(
        g -> assertEquals("role", g.getEntitlement().getResource().getId().getResourceType()));
    try (C1zReader reader = C1zReader.open(out)) {
      assertEquals(List.of("role"), List.copyOf(reader.counts().resourcesByType().keySet()));
    }
  }

  @Test
  void badScopesAreOneLineUsageErrorsAndTheFileSurvives() throws Exception {
    refused(
        sync("--sync-resource-types", "users"),
        "--sync-resource-types: unknown resource type 'users' " + KNOWN);
    refused(
        sync("--skip-grants"),
        "--skip-grants needs --sync-resources (Baton skips grants only in a targeted sync)");
    refused(
        sync("--sync-resources", "role"),
        "--sync-resources: 'role' is not a resource "
            + "(expected <type>:<id> or bid:r:<type>/<id>)");
    refused(
        sync("--sync-resources", "team:x"),
        "--sync-resources: unknown resource type 'team' in team:x " + KNOWN);
    refused(
        sync("--sync-resource-types", "role", "--revoke-grant", "role:a:member:user:b"),
        "--sync-resources, --sync-resource-types, --skip-entitlements-and-grants and "
            + "--skip-grants scope a sync: they cannot be combined with a provisioning or "
            + "action flag");
    assertEquals(0, sim.requests().total(), "nothing was sent to Cloudflare");
  }

  private void refused(CliRun r, String message) throws Exception {
    assertEquals(2, r.code(), r.both());
    assertEquals(List.of("error: " + message), r.errorLines(), r.both());
    assertArrayEquals(previous, Files.readAllBytes(out), "previous output must survive");
  }

  private static Map<String, Long> nonZero(Map<String, Long> counts) {
    Map<String, Long> out = new java.util.TreeMap<>();
    counts.forEach(
        (k, v) -> {
          if (v > 0) {
            out.put(k, v);
          }
        });
    return out;
  }
}
