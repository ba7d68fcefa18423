package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import com.google.protobuf.Any;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.GrantSources;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccessUser;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grant expansion of the demo account, in the file a sync writes: the demo's own nesting (Platform
 * Team includes SRE On-call; Engineering includes Platform Team but has exclude rules; Cycle A and
 * B include each other) plus two groups added here without filters, "Release Managers" (includes
 * Platform Team and Ana) and "Change Board" (includes Release Managers). Every derived grant is
 * checked exactly: id, entitlement, principal, annotation and sources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoExpansionTest {
  static final String RELEASE = "3f1e0c62-5d1a-4b38-9d8e-0a7c2b6e9f11";
  static final String BOARD = "a0c4d2b7-7e5f-4c1a-8b39-61f0e2d4c588";

  @TempDir static Path dir;

  Path file;
  FileSync.Result result;
  Map<String, Grant> grants = new TreeMap<>();
  Map<String, Entitlement> entitlements = new TreeMap<>();
  Map<String, String> idByEmail;

  @BeforeAll
  void syncDemoWithTwoMoreGroups() throws Exception {
    SimAccount account = Seeds.demo();
    account.putGroup(
        group(
            RELEASE,
            "Release Managers",
            "{\"group\":{\"id\":\"" + Seeds.DEMO_GROUP_PLATFORM + "\"}}",
            "{\"email\":{\"email\":\"ana.ruiz@acme.example\"}}"));
    account.putGroup(group(BOARD, "Change Board", "{\"group\":{\"id\":\"" + RELEASE + "\"}}"));
    file = dir.resolve("expanded.c1z");
    try (CfSimulator sim = CfSimulator.start(account)) {
      result = SimSync.fileSync(sim, file, 1);
    }
    try (C1zReader r = C1zReader.open(file)) {
      r.forEachGrant(GrantFilter.any(), g -> grants.put(g.getId(), g));
      r.forEachEntitlement(null, null, e -> entitlements.put(e.getId(), e));
    }
    idByEmail =
        account.accessUsers().stream()
            .collect(Collectors.toMap(SimAccessUser::email, SimAccessUser::id));
  }

  private static com.google.gson.JsonObject group(String id, String name, String... include) {
    return JsonParser.parseString(
            "{\"id\":\""
                + id
                + "\",\"name\":\""
                + name
                + "\",\"include\":["
                + String.join(",", include)
                + "],\"exclude\":[],\"require\":[]}")
        .getAsJsonObject();
  }

  private static String member(String group) {
    return "group:" + group + ":member";
  }

  private String userGrant(String group, String email) {
    return member(group) + ":access_user:" + idByEmail.get(email);
  }

  private static GrantSources sources(Object... keyAndDirect) {
    GrantSources.Builder b = GrantSources.newBuilder();
    for (int i = 0; i < keyAndDirect.length; i += 2) {
      b.putSources(
          (String) keyAndDirect[i],
          GrantSources.GrantSource.newBuilder().setIsDirect((Boolean) keyAndDirect[i + 1]).build());
    }
    return b.build();
  }

  /**
   * Baton's newExpandedGrant: the stored entitlement, the source grant's principal, one
   * GrantImmutable.
   */
  private void assertDerived(String id, String group, GrantSources expected) {
    Grant g = grants.get(id);
    assertTrue(g != null, "no derived grant " + id);
    assertEquals(entitlements.get(member(group)), g.getEntitlement(), id);
    assertEquals(
        List.of(Any.pack(GrantImmutable.getDefaultInstance())), g.getAnnotationsList(), id);
    assertEquals(expected, g.getSources(), id);
    assertEquals(
        id.substring(member(group).length() + 1),
        g.getPrincipal().getId().getResourceType() + ":" + g.getPrincipal().getId().getResource());
  }

  private List<String> derivedIds(String group) {
    return grants.values().stream()
        .filter(g -> g.getId().startsWith(member(group) + ":"))
        .filter(g -> g.getAnnotationsList().contains(Any.pack(GrantImmutable.getDefaultInstance())))
        .map(Grant::getId)
        .sorted()
        .toList();
  }

  @Test
  void directMembersThatTheNestedGroupAlsoGrantsGainSources() {
    for (String email :
        List.of(
            "dmitry.sokolov@acme.example",
            "francois.lefevre@acme.example",
            "noah.berg@acme.example")) {
      Grant g = grants.get(userGrant(Seeds.DEMO_GROUP_PLATFORM, email));
      assertEquals(
          sources(member(Seeds.DEMO_GROUP_PLATFORM), true, member(Seeds.DEMO_GROUP_SRE), true),
          g.getSources(),
          email);
      assertTrue(g.getAnnotationsList().isEmpty(), "an existing grant keeps its annotations");
    }
    for (String email :
        List.of("ken.watanabe@acme.example", "lena.schmidt@contractors.example.net")) {
      assertEquals(
          GrantSources.getDefaultInstance(),
          grants.get(userGrant(Seeds.DEMO_GROUP_PLATFORM, email)).getSources(),
          email);
    }
    assertEquals(
        List.of(), derivedIds(Seeds.DEMO_GROUP_PLATFORM), "SRE adds nobody new to Platform");
  }

  @Test
  void nestedGroupsWithoutFiltersDeriveTheirMembersWithSources() {
    List<String> platform =
        List.of(
            "ken.watanabe@acme.example",
            "lukasz.zolc@acme.example",
            "dmitry.sokolov@acme.example",
            "francois.lefevre@acme.example",
            "noah.berg@acme.example",
            "lena.schmidt@contractors.example.net");
    for (String email : platform) {
      assertDerived(
          userGrant(RELEASE, email), RELEASE, sources(member(Seeds.DEMO_GROUP_PLATFORM), true));
      // One level up, these only hold Release Managers through Platform: not direct.
      assertDerived(userGrant(BOARD, email), BOARD, sources(member(RELEASE), false));
    }
    assertDerived(
        member(RELEASE) + ":group:" + Seeds.DEMO_GROUP_SRE,
        RELEASE,
        sources(member(Seeds.DEMO_GROUP_PLATFORM), true));
    assertDerived(userGrant(BOARD, "ana.ruiz@acme.example"), BOARD, sources(member(RELEASE), true));
    assertDerived(
        member(BOARD) + ":group:" + Seeds.DEMO_GROUP_PLATFORM,
        BOARD,
        sources(member(RELEASE), true));
    assertDerived(
        member(BOARD) + ":group:" + Seeds.DEMO_GROUP_SRE, BOARD, sources(member(RELEASE), false));
    assertEquals(7, derivedIds(RELEASE).size(), derivedIds(RELEASE).toString());
    assertEquals(9, derivedIds(BOARD).size(), derivedIds(BOARD).toString());
    // 16 from the Access groups, 7 from the demo's user-group policies (IamPolicySyncTest), 32
    // Wiki grants reached through All Staff (an app policy naming the group)
    assertEquals(16 + 7 + 32, result.expandedGrants());
    assertEquals(
        GrantSources.getDefaultInstance(),
        grants.get(userGrant(RELEASE, "ana.ruiz@acme.example")).getSources(),
        "Ana holds Release Managers directly and through nothing else");
  }

  @Test
  void groupsWithExcludeRulesAndCyclesAreNotExpandedFurther() throws Exception {
    // Engineering has exclude rules: the syncer granted it exactly and emitted no GrantExpandable.
    assertEquals(List.of(), derivedIds(Seeds.DEMO_GROUP_ENGINEERING));
    grants.values().stream()
        .filter(g -> g.getId().startsWith(member(Seeds.DEMO_GROUP_ENGINEERING) + ":"))
        .forEach(g -> assertEquals(GrantSources.getDefaultInstance(), g.getSources(), g.getId()));
    Grant nested =
        grants.get(member(Seeds.DEMO_GROUP_ENGINEERING) + ":group:" + Seeds.DEMO_GROUP_PLATFORM);
    assertEquals(0, nested.getAnnotationsCount());
    // Cycle A and B include each other: Baton's expander collapses the cycle and drops its
    // internal edges, so nothing is derived (what a Baton host would compute from the same grants).
    assertEquals(List.of(), derivedIds(Seeds.DEMO_GROUP_CYCLE_A));
    assertEquals(List.of(), derivedIds(Seeds.DEMO_GROUP_CYCLE_B));
    // The expandable grant itself is unchanged: the reader gives back its GrantExpandable.
    Grant sreInPlatform =
        grants.get(member(Seeds.DEMO_GROUP_PLATFORM) + ":group:" + Seeds.DEMO_GROUP_SRE);
    assertEquals(
        List.of(member(Seeds.DEMO_GROUP_SRE)),
        sreInPlatform.getAnnotations(0).unpack(GrantExpandable.class).getEntitlementIdsList());
    assertEquals(GrantSources.getDefaultInstance(), sreInPlatform.getSources());
  }

  @Test
  void theFileCountsTheDerivedGrants() {
    assertEquals(result.sync().grants() + 16 + 7 + 32, result.counts().grants());
    assertEquals(grants.size(), result.counts().grants());
  }
}
