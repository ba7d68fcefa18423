package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.SecurityInsightTrait;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccessUser;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Access applications synced from the demo account over loopback HTTP into a real c1z. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAppSyncTest {
  @TempDir static Path dir;

  SimAccount account;
  Path file;
  SyncResult result;
  RequestLog requests;
  Map<String, String> idByEmail;

  @BeforeAll
  void syncDemo() {
    account = Seeds.demo();
    try (CfSimulator sim = CfSimulator.start(account)) {
      file = dir.resolve("apps.c1z");
      result = SimSync.sync(sim, SimSync.demoToken(), file, true);
      requests = sim.requests();
    }
    idByEmail =
        account.accessUsers().stream()
            .collect(Collectors.toMap(SimAccessUser::email, SimAccessUser::id));
  }

  private Set<String> ids(String... emails) {
    Set<String> out = new TreeSet<>();
    for (String e : emails) {
      out.add(Objects.requireNonNull(idByEmail.get(e), e));
    }
    return out;
  }

  /** Grants the connector emitted (not those the expansion derived) to one principal type. */
  private static Set<String> principals(Path f, String appId, String type) {
    String prefix = "access_app:" + appId + ":access:" + type + ":";
    return SimSync.grants(f, "access_app").stream()
        .filter(g -> g.getSources().getSourcesCount() == 0)
        .map(Grant::getId)
        .filter(id -> id.startsWith(prefix))
        .map(id -> id.substring(prefix.length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Resource app(Path f, String id) {
    return SimSync.resources(f, "access_app").stream()
        .filter(r -> r.getId().getResource().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> list(Resource r, String key) {
    var v = r.getProfile().getFieldsMap().get(key);
    return v == null
        ? List.of()
        : v.getListValue().getValuesList().stream().map(x -> x.getStringValue()).toList();
  }

  @Test
  void aDenyBeforeAGroupAllowRemovesTheContractorAndGrantsThePlatformTeamExactly() {
    assertEquals(
        ids(
            "ken.watanabe@acme.example",
            "lukasz.zolc@acme.example",
            "dmitry.sokolov@acme.example",
            "francois.lefevre@acme.example",
            "noah.berg@acme.example"),
        principals(file, Seeds.DEMO_APP_GRAFANA, "access_user"));
    assertEquals(
        Set.of(Seeds.DEMO_GROUP_PLATFORM), principals(file, Seeds.DEMO_APP_GRAFANA, "group"));
    Grant link =
        SimSync.grants(file, "access_app").stream()
            .filter(
                g ->
                    g.getId()
                        .equals(
                            "access_app:"
                                + Seeds.DEMO_APP_GRAFANA
                                + ":access:group:"
                                + Seeds.DEMO_GROUP_PLATFORM))
            .findFirst()
            .orElseThrow();
    assertFalse(
        link.getAnnotationsList().stream().anyMatch(a -> a.is(GrantExpandable.class)),
        "a deny comes first: the host must not expand the group");
    Resource grafana = app(file, Seeds.DEMO_APP_GRAFANA);
    assertEquals(
        List.of("allow Platform engineers: require auth_method mfa"), list(grafana, "conditions"));
    assertEquals("self_hosted", grafana.getProfile().getFieldsOrThrow("app_type").getStringValue());
    assertEquals(
        "grafana.acme.example", grafana.getProfile().getFieldsOrThrow("domain").getStringValue());
    assertEquals("24h", grafana.getProfile().getFieldsOrThrow("session_duration").getStringValue());
  }

  @Test
  void aPlainGroupAllowIsExpandedByTheHostAndANamedPartnerIsGrantedDirectly() {
    assertEquals(
        ids("yuki.tanaka@partner.example"), principals(file, Seeds.DEMO_APP_WIKI, "access_user"));
    Grant link =
        SimSync.grants(file, "access_app").stream()
            .filter(
                g ->
                    g.getId()
                        .equals(
                            "access_app:"
                                + Seeds.DEMO_APP_WIKI
                                + ":access:group:"
                                + Seeds.DEMO_GROUP_ALL_STAFF))
            .findFirst()
            .orElseThrow();
    GrantExpandable exp =
        link.getAnnotationsList().stream()
            .filter(a -> a.is(GrantExpandable.class))
            .findFirst()
            .map(
                a -> {
                  try {
                    return a.unpack(GrantExpandable.class);
                  } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                  }
                })
            .orElseThrow();
    assertEquals(
        List.of("group:" + Seeds.DEMO_GROUP_ALL_STAFF + ":member"), exp.getEntitlementIdsList());
  }

  @Test
  void bypassAndServiceAuthAreReachableWithoutIdentityAndGrantNobody() {
    Resource status = app(file, Seeds.DEMO_APP_STATUS);
    assertEquals(
        List.of("1 bypass Public: include everyone"), list(status, "reachable_without_identity"));
    assertEquals(Set.of(), principals(file, Seeds.DEMO_APP_STATUS, "access_user"));
    Resource ci = app(file, Seeds.DEMO_APP_CI);
    assertEquals(
        List.of("1 non_identity CI service token: include any_valid_service_token"),
        list(ci, "reachable_without_identity"));
    // Rafael's risk is high: the exclusion removes him, Ken (low) stays.
    assertEquals(
        ids("ken.watanabe@acme.example"), principals(file, Seeds.DEMO_APP_CI, "access_user"));
  }

  @Test
  void theAppsListIsOneRequestAtTheLargestPageAndPoliciesNeedNone() {
    List<RequestLog.Recorded> apps =
        requests.all().stream().filter(r -> r.template().equals(Paths.ACCESS_APPS)).toList();
    assertEquals(1, apps.size());
    assertEquals("1000", apps.get(0).query().get("per_page"));
    assertEquals(0, requests.count("GET", Paths.ACCESS_APP_POLICIES));
    assertEquals(4L, result.resourcesByType().get("access_app"));
  }

  @Test
  void riskLevelsArePublishedAsBatonsSecurityInsight() throws Exception {
    Resource rafael =
        SimSync.resources(file, "access_user").stream()
            .filter(r -> r.getId().getResource().equals(Seeds.DEMO_ACCESS_USER_RAFAEL))
            .findFirst()
            .orElseThrow();
    assertEquals("high", rafael.getProfile().getFieldsOrThrow("risk_level").getStringValue());
    SecurityInsightTrait t =
        rafael.getAnnotationsList().stream()
            .filter(a -> a.is(SecurityInsightTrait.class))
            .findFirst()
            .orElseThrow()
            .unpack(SecurityInsightTrait.class);
    assertEquals(90, t.getRiskScore().getNormalizedScore());
    assertEquals("high", t.getRiskScore().getSourceScore());
    assertEquals("rafael.costa@partner.example", t.getAppUser().getEmail());
    assertEquals(Seeds.DEMO_ACCESS_USER_RAFAEL, t.getAppUser().getExternalId());
    Resource unscored =
        SimSync.resources(file, "access_user").stream()
            .filter(r -> r.getId().getResource().equals(idByEmail.get("noah.berg@acme.example")))
            .findFirst()
            .orElseThrow();
    assertFalse(
        unscored.getAnnotationsList().stream().anyMatch(a -> a.is(SecurityInsightTrait.class)));
  }

  @Test
  void withoutAccessUsersGroupsAndAppsSayNotEvaluatedAndGrantNoMembers() {
    SimAccount a = Seeds.demo().denyEndpoint("GET", Paths.ACCESS_USERS);
    Path f = dir.resolve("nousers.c1z");
    SyncResult r;
    try (CfSimulator sim = CfSimulator.start(a)) {
      r = SimSync.sync(sim, SimSync.demoToken(), f, true);
    }
    assertEquals(1, r.skipped().size(), r.skipped().toString());
    assertTrue(r.skipped().get(0).startsWith("access users skipped"), r.skipped().get(0));
    assertTrue(
        r.skipped().get(0).endsWith("; Access group and application membership not evaluated"),
        r.skipped().get(0));
    for (String type : List.of("group", "access_app")) {
      for (Resource res : SimSync.resources(f, type)) {
        assertEquals(
            "not evaluated: the Access users could not be read (needs 'Access: Audit "
                + "Logs Read')",
            res.getProfile().getFieldsOrThrow("membership").getStringValue(),
            res.getDisplayName());
      }
      assertFalse(
          SimSync.grants(f, type).stream()
              .anyMatch(g -> g.getPrincipal().getId().getResourceType().equals("access_user")),
          type);
    }
    assertEquals(
        Set.of(Seeds.DEMO_GROUP_PLATFORM),
        principals(f, Seeds.DEMO_APP_GRAFANA, "group"),
        "the policy's group link is structure, not membership: kept");
    assertFalse(
        SimSync.resources(file, "group").stream()
            .anyMatch(g -> g.getProfile().containsFields("membership")),
        "normal sync: no marker");
  }
}
