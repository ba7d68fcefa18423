package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccessUser;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZeroTrustSyncTest {
  @TempDir static Path dir;

  SimAccount account;
  Path file;
  SyncResult result;
  Map<String, String> idByEmail;

  @BeforeAll
  void syncDemo() {
    account = Seeds.demo();
    try (CfSimulator sim = CfSimulator.start(account)) {
      file = dir.resolve("zt.c1z");
      result = SimSync.sync(sim, SimSync.demoToken(), file, true);
    }
    idByEmail =
        account.accessUsers().stream()
            .collect(Collectors.toMap(SimAccessUser::email, SimAccessUser::id));
  }

  private Set<String> userMembers(String groupId) {
    String prefix = "group:" + groupId + ":member:access_user:";
    return SimSync.grants(file, "group").stream()
        .map(Grant::getId)
        .filter(id -> id.startsWith(prefix))
        .map(id -> id.substring(prefix.length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Set<String> ids(String... emails) {
    Set<String> out = new TreeSet<>();
    for (String e : emails) {
      out.add(java.util.Objects.requireNonNull(idByEmail.get(e), e));
    }
    return out;
  }

  private Grant grant(String id) {
    return SimSync.grants(file, "group").stream()
        .filter(g -> g.getId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no grant " + id));
  }

  private Resource group(String id) {
    return SimSync.resources(file, "group").stream()
        .filter(r -> r.getId().getResource().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void emailListAndExcludeByListAreExact() {
    assertEquals(
        ids(
            "dmitry.sokolov@acme.example",
            "francois.lefevre@acme.example",
            "noah.berg@acme.example"),
        userMembers(Seeds.DEMO_GROUP_SRE));
  }

  @Test
  void groupWithoutFiltersGrantsItsOwnRulesAndLeavesNestingToTheHost() {
    assertEquals(
        ids(
            "ken.watanabe@acme.example",
            "lukasz.zolc@acme.example",
            "dmitry.sokolov@acme.example",
            "francois.lefevre@acme.example",
            "noah.berg@acme.example",
            "lena.schmidt@contractors.example.net"),
        userMembers(Seeds.DEMO_GROUP_PLATFORM));
    Grant nested =
        grant("group:" + Seeds.DEMO_GROUP_PLATFORM + ":member:group:" + Seeds.DEMO_GROUP_SRE);
    assertEquals(1, nested.getAnnotationsCount());
    assertEquals(
        List.of("group:" + Seeds.DEMO_GROUP_SRE + ":member"),
        unpack(nested).getEntitlementIdsList());
  }

  @Test
  void groupWithExcludeRulesIsEvaluatedExactlyThroughNesting() {
    Set<String> expected =
        account.accessUsers().stream()
            .filter(
                u ->
                    u.email().endsWith("@acme.example")
                        || u.email().equals("lena.schmidt@contractors.example.net"))
            .filter(u -> !u.email().equals("intern.temp@acme.example"))
            .map(SimAccessUser::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(27, expected.size());
    assertEquals(expected, userMembers(Seeds.DEMO_GROUP_ENGINEERING));
    Grant nested =
        grant(
            "group:" + Seeds.DEMO_GROUP_ENGINEERING + ":member:group:" + Seeds.DEMO_GROUP_PLATFORM);
    assertEquals(0, nested.getAnnotationsCount(), "host expansion would ignore the excludes");
  }

  @Test
  void everyoneMinusExcludedDomains() {
    Set<String> expected =
        account.accessUsers().stream()
            .filter(
                u ->
                    !u.email().endsWith("@partner.example")
                        && !u.email().endsWith("@contractors.example.net"))
            .map(SimAccessUser::id)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(32, expected.size());
    assertEquals(expected, userMembers(Seeds.DEMO_GROUP_ALL_STAFF));
  }

  @Test
  void domainPlusListMinusOnePerson() {
    assertEquals(
        ids(
            "yuki.tanaka@partner.example",
            "olga.nowak@partner.example",
            "samir.haddad@partner.example",
            "grace.obi@partner.example",
            "tomas.novak@partner.example",
            "lena.schmidt@contractors.example.net",
            "marco.rossi@contractors.example.net"),
        userMembers(Seeds.DEMO_GROUP_PARTNERS));
  }

  @Test
  void cyclesProduceExpandableGrantsBothWaysAndTerminate() {
    assertEquals(ids("ana.ruiz@acme.example"), userMembers(Seeds.DEMO_GROUP_CYCLE_A));
    assertEquals(ids("chloe.dubois@acme.example"), userMembers(Seeds.DEMO_GROUP_CYCLE_B));
    assertEquals(
        1,
        unpack(
                grant(
                    "group:"
                        + Seeds.DEMO_GROUP_CYCLE_A
                        + ":member:group:"
                        + Seeds.DEMO_GROUP_CYCLE_B))
            .getEntitlementIdsCount());
    assertEquals(
        1,
        unpack(
                grant(
                    "group:"
                        + Seeds.DEMO_GROUP_CYCLE_B
                        + ":member:group:"
                        + Seeds.DEMO_GROUP_CYCLE_A))
            .getEntitlementIdsCount());
  }

  @Test
  void rulesThatNeedAnIdpOrTheRequestInventNoGrantsAndAreListed() {
    for (String g :
        List.of(
            Seeds.DEMO_GROUP_IDP,
            Seeds.DEMO_GROUP_OFFICE,
            Seeds.DEMO_GROUP_DEVICES,
            Seeds.DEMO_GROUP_SERVICES,
            Seeds.DEMO_GROUP_MEMBERS_LOW_RISK)) {
      assertEquals(Set.of(), userMembers(g), g);
    }
    Resource idp = group(Seeds.DEMO_GROUP_IDP);
    assertEquals(
        9,
        idp.getProfile()
            .getFieldsOrThrow("membership_also_granted_by")
            .getListValue()
            .getValuesCount());
    String desc =
        SimSync.entitlements(file, "group").stream()
            .filter(e -> e.getId().equals("group:" + Seeds.DEMO_GROUP_DEVICES + ":member"))
            .findFirst()
            .orElseThrow()
            .getDescription();
    assertTrue(desc.contains("Conditions checked at request time: require login_method"), desc);
    assertTrue(desc.contains("require auth_method mfa"), desc);
  }

  @Test
  void unknownRuleKindsAreReportedNotFatal() {
    assertEquals(ids("noah.berg@acme.example"), userMembers(Seeds.DEMO_GROUP_FUTURE));
    String also =
        group(Seeds.DEMO_GROUP_FUTURE)
            .getProfile()
            .getFieldsOrThrow("membership_also_granted_by")
            .getListValue()
            .getValues(0)
            .getStringValue();
    assertTrue(also.startsWith("device_trust_level (unknown rule kind)"), also);
  }

  @Test
  void accessUsersCarryRiskAndEmailLinkingThemToMembers() {
    Resource intern =
        SimSync.resources(file, "access_user").stream()
            .filter(r -> r.getId().getResource().equals(idByEmail.get("intern.temp@acme.example")))
            .findFirst()
            .orElseThrow();
    assertEquals("high", intern.getProfile().getFieldsOrThrow("risk_level").getStringValue());
    assertEquals(
        "intern.temp@acme.example", intern.getProfile().getFieldsOrThrow("email").getStringValue());
  }

  private static GrantExpandable unpack(Grant g) {
    try {
      return g.getAnnotations(0).unpack(GrantExpandable.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0} Access users")
  @ValueSource(ints = {1000, 1001, 2001})
  void accessUserPagesAreReadOnceAtTheLargestSize(int users) {
    SimAccount big = Seeds.generated(new Seeds.Scale(1, 1, 0, users, 0), 11);
    try (CfSimulator sim = CfSimulator.start(big)) {
      SyncResult r =
          SimSync.sync(sim, SimSync.demoToken(), dir.resolve("au" + users + ".c1z"), true);
      assertEquals((long) users, r.resourcesByType().get("access_user"));
      List<RequestLog.Recorded> pages =
          sim.requests().matching("GET", "/accounts/{account_id}/access/users");
      assertEquals((users + 999) / 1000, pages.size());
      Set<String> seen = new HashSet<>();
      pages.forEach(
          p -> {
            assertEquals("1000", p.query().get("per_page"));
            assertTrue(seen.add(p.query().get("page")), "page twice");
          });
    }
  }

  @Test
  void anAccountWithoutRiskScoringStillSyncsAndSaysSoOnce() {
    SimAccount noRisk = Seeds.demo().riskScoringEnabled(false);
    try (CfSimulator sim = CfSimulator.start(noRisk)) {
      SyncResult r = SimSync.sync(sim, SimSync.demoToken(), dir.resolve("norisk.c1z"), true);
      assertEquals(1, r.skipped().size(), r.skipped().toString());
      assertTrue(r.skipped().get(0).startsWith("risk scores skipped"), r.skipped().get(0));
      assertEquals(40L, r.resourcesByType().get("access_user"));
      Path f = dir.resolve("norisk.c1z");
      assertFalse(
          SimSync.resources(f, "access_user").stream()
              .anyMatch(u -> u.getProfile().containsFields("risk_level")));
    }
  }

  @Test
  void malformedRulesFromTheApiAreSkippedNotFatal() {
    SimAccount a = Seeds.demo();
    a.putGroup(
        JsonParser.parseString(
                "{\"id\":\"aaaaaaaa-0000-4000-8000-000000000001\","
                    + "\"name\":\"Broken\",\"include\":[{\"email\":\"not-an-object\"},"
                    + "{\"email\":{\"email\":\"noah.berg@acme.example\"},\"everyone\":{}},"
                    + "42,{\"email\":{\"email\":\"ana.ruiz@acme.example\"}}],\"exclude\":{},\"require\":null}")
            .getAsJsonObject());
    try (CfSimulator sim = CfSimulator.start(a)) {
      Path f = dir.resolve("broken.c1z");
      SimSync.sync(sim, SimSync.demoToken(), f, true);
      String prefix = "group:aaaaaaaa-0000-4000-8000-000000000001:member:access_user:";
      Set<String> members =
          SimSync.grants(f, "group").stream()
              .map(Grant::getId)
              .filter(id -> id.startsWith(prefix))
              .collect(Collectors.toSet());
      assertEquals(
          Set.of(
              prefix
                  + a.accessUsers().stream()
                      .filter(u -> u.email().equals("ana.ruiz@acme.example"))
                      .findFirst()
                      .orElseThrow()
                      .id()),
          members,
          "only the well-formed rule grants");
    }
  }
}
