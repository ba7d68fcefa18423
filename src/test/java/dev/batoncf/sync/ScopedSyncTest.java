package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.SyncRun;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.SimSync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baton's scoping flags against the demo account over loopback HTTP: the exact resources,
 * entitlements and grants each scope writes, compared with a full sync of the same state, the sync
 * type recorded, and the lists a scoped sync does not need to read.
 */
class ScopedSyncTest {
  private static final List<String> ALL_TYPES =
      List.of(
          "user",
          "invitation",
          "role",
          "api_token",
          "resource_group",
          "user_group",
          "access_user",
          "group",
          "access_app");
  private static CfSimulator sim;
  private static Path fullFile;

  @TempDir static Path shared;

  @TempDir Path dir;

  @BeforeAll
  static void fullSync() throws IOException {
    sim = CfSimulator.start(Seeds.demo());
    fullFile = shared.resolve("full.c1z");
    SimSync.fileSync(sim, fullFile, 1);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private FileSync.Result sync(Path file, SyncScope scope) throws IOException {
    try (CloudflareClient client = SimSync.client(sim, SimSync.demoToken())) {
      CloudflareConnector c = new CloudflareConnector(client, new ConnectorOptions(true));
      return new FileSync(c, null, 1).run(file, Progress.NONE, scope);
    }
  }

  private static SyncScope scope(
      List<String> types, List<String> targets, boolean skipEg, boolean skipGrants) {
    return SyncScope.of(
        types, targets.stream().map(TargetIds::parse).toList(), skipEg, skipGrants, ALL_TYPES);
  }

  @Test
  void targetedSyncWritesTheTargetsTheirEntitlementsAndTheGrantsOnThemAsAPartialSync()
      throws IOException {
    Path file = dir.resolve("targeted.c1z");
    java.nio.file.Files.copy(fullFile, file);
    String role = "role:" + Seeds.ROLE_DNS;
    String user = "bid:r:user/" + Seeds.DEMO_USER_ZOE;
    FileSync.Result r = sync(file, scope(List.of(), List.of(role, user), false, false));

    assertEquals(Set.of(role, "user:" + Seeds.DEMO_USER_ZOE), resourceKeys(file));
    assertEquals(Set.of("role:" + Seeds.ROLE_DNS + ":member"), entitlementIds(file));
    Set<String> expected =
        grantIds(fullFile).stream()
            .filter(g -> g.startsWith(role + ":member:"))
            .collect(Collectors.toSet());
    assertFalse(expected.isEmpty(), "the demo's DNS role has members");
    assertEquals(expected, grantIds(file));
    assertEquals(List.of(), r.sync().skipped());
    // Only roles and members were read: no tokens, no Zero Trust lists.
    assertEquals(
        Set.of(
            "GET /accounts/{account_id}/members",
            "GET /accounts/{account_id}/roles",
            "GET /accounts/{account_id}"),
        r.sync().requestsByEndpoint().keySet());
    try (C1zReader reader = C1zReader.open(file)) {
      SyncRun latest = reader.latestFinishedSync();
      assertEquals("partial", latest.syncType());
      assertEquals(
          List.of("full", "partial"),
          reader.syncRuns().stream().map(SyncRun::syncType).toList(),
          "the full sync the file had is kept as the partial's parent");
      assertEquals(new TreeSet<>(ALL_TYPES), typeIds(reader));
    }
  }

  @Test
  void aTargetCloudflareDoesNotHaveIsSkippedAndNamed() throws IOException {
    Path file = dir.resolve("missing.c1z");
    FileSync.Result r =
        sync(
            file,
            scope(
                List.of(),
                List.of("group:nope", "api_token:" + Seeds.DEMO_TOKEN_TERRAFORM),
                false,
                false));
    assertEquals(Set.of("api_token:" + Seeds.DEMO_TOKEN_TERRAFORM), resourceKeys(file));
    assertEquals(List.of("group nope not found"), r.sync().skipped());
    assertEquals(Set.of(), grantIds(file));
  }

  @Test
  void skipGrantsKeepsTheTargetsEntitlementsButNoGrants() throws IOException {
    Path file = dir.resolve("skip-grants.c1z");
    String group = "group:" + firstGroupId();
    sync(file, scope(List.of(), List.of(group), false, true));
    assertEquals(Set.of(group), resourceKeys(file));
    assertEquals(Set.of(group + ":member"), entitlementIds(file));
    assertEquals(Set.of(), grantIds(file));
  }

  @Test
  void resourceTypeFilterWritesExactlyThoseTypesAsAFullSyncDoes() throws IOException {
    Path file = dir.resolve("types.c1z");
    FileSync.Result r = sync(file, scope(List.of("role", "api_token"), List.of(), false, false));
    Set<String> expected =
        resourceKeys(fullFile).stream()
            .filter(k -> k.startsWith("role:") || k.startsWith("api_token:"))
            .collect(Collectors.toSet());
    assertEquals(expected, resourceKeys(file));
    assertEquals(
        entitlementIds(fullFile).stream()
            .filter(e -> e.startsWith("role:"))
            .collect(Collectors.toSet()),
        entitlementIds(file));
    assertEquals(
        grantIds(fullFile).stream().filter(g -> g.startsWith("role:")).collect(Collectors.toSet()),
        grantIds(file));
    try (C1zReader reader = C1zReader.open(file)) {
      assertEquals(Set.of("role", "api_token"), typeIds(reader));
      assertEquals("full", reader.latestFinishedSync().syncType());
    }
    assertFalse(
        r.sync().requestsByEndpoint().keySet().stream().anyMatch(k -> k.contains("/access/")),
        "no Zero Trust list read: " + r.sync());
  }

  @Test
  void skipEntitlementsAndGrantsWritesEveryResourceAndNothingElseAsResourcesOnly()
      throws IOException {
    Path file = dir.resolve("resources-only.c1z");
    sync(file, scope(List.of(), List.of(), true, false));
    assertEquals(resourceKeys(fullFile), resourceKeys(file));
    assertEquals(Set.of(), entitlementIds(file));
    assertEquals(Set.of(), grantIds(file));
    try (C1zReader reader = C1zReader.open(file)) {
      assertEquals("resources_only", reader.latestFinishedSync().syncType());
      assertEquals(new TreeSet<>(ALL_TYPES), typeIds(reader));
    }
  }

  @Test
  void typeFilterDropsTargetsOfOtherTypesAsBatonDoes() {
    SyncScope s = scope(List.of("role"), List.of("role:a", "user:b"), false, false);
    assertEquals(Set.of(Ids.resourceId("role", "a")), s.targets());
    assertEquals(Set.of("role"), s.typesNeeded(ALL_TYPES));
  }

  @Test
  void badScopesAreRefusedWithTheReason() {
    assertEquals(
        "--skip-grants needs --sync-resources (Baton skips grants only in a targeted " + "sync)",
        assertThrows(IllegalArgumentException.class, () -> scope(List.of(), List.of(), false, true))
            .getMessage());
    assertEquals(
        "--sync-resource-types: unknown resource type 'users' (known: user, "
            + "invitation, role, api_token, resource_group, user_group, access_user, group, access_app)",
        assertThrows(
                IllegalArgumentException.class,
                () -> scope(List.of("users"), List.of(), false, false))
            .getMessage());
    assertEquals(
        "--sync-resources: unknown resource type 'team' in team:x (known: user, "
            + "invitation, role, api_token, resource_group, user_group, access_user, group, access_app)",
        assertThrows(
                IllegalArgumentException.class,
                () -> scope(List.of(), List.of("team:x"), false, false))
            .getMessage());
  }

  @Test
  void targetIdsParseOurFormAndBatonsBids() {
    assertEquals(Ids.resourceId("role", "abc"), TargetIds.parse("role:abc"));
    assertEquals(Ids.resourceId("user", "u1"), TargetIds.parse(" bid:r:user/u1 "));
    assertEquals(Ids.resourceId("group", "g/1:x"), TargetIds.parse("bid:r:group/g\\/1\\:x"));
    assertEquals(Ids.resourceId("user", "u2"), TargetIds.parse("bid:r:account/a1/user/u2"));
    for (String bad :
        List.of(
            "role",
            "role:",
            ":abc",
            "a:b:c",
            "bid:r:user",
            "bid:r:user/u:1",
            "bid:r:user/u\\",
            "bid:r:/u")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TargetIds.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("--sync-resources: '"), e.getMessage());
    }
  }

  // --- helpers

  private static String firstGroupId() {
    List<Resource> groups = SimSync.resources(fullFile, ResourceTypes.GROUP_ID);
    assertFalse(groups.isEmpty());
    return groups.get(0).getId().getResource();
  }

  private static Set<String> typeIds(C1zReader reader) throws IOException {
    Set<String> out = new TreeSet<>();
    reader.forEachResourceType(t -> out.add(((ResourceType) t).getId()));
    return out;
  }

  private static Set<String> resourceKeys(Path file) {
    Set<String> out = new TreeSet<>();
    for (String t : ALL_TYPES) {
      for (Resource r : SimSync.resources(file, t)) {
        ResourceId id = r.getId();
        out.add(id.getResourceType() + ":" + id.getResource());
      }
    }
    return out;
  }

  private static Set<String> entitlementIds(Path file) {
    Set<String> out = new TreeSet<>();
    for (String t : ALL_TYPES) {
      SimSync.entitlements(file, t).stream().map(Entitlement::getId).forEach(out::add);
    }
    return out;
  }

  private static Set<String> grantIds(Path file) {
    return SimSync.grants(file, null).stream()
        .map(Grant::getId)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
