package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Invariants of Seeds.demo() that the connector's tests rely on. */
class DemoSeedTest {
  private final SimAccount demo = Seeds.demo();

  private long count(java.util.function.Predicate<SimMember> p) {
    return demo.members().stream().filter(p).count();
  }

  @Test
  void memberMix() {
    assertEquals(25, demo.memberCount());
    assertEquals(20, count(m -> m.status().equals(Wire.STATUS_ACCEPTED)));
    assertEquals(3, count(m -> m.status().equals(Wire.STATUS_PENDING)));
    assertEquals(1, count(m -> m.status().equals(Wire.STATUS_PENDING) && m.user().id() != null));
    assertEquals(2, count(m -> m.status().equals(Wire.STATUS_REJECTED)));
    assertEquals(2, count(SimMember::managedByPolicies));
    assertEquals(2, count(m -> m.roleIds().isEmpty()));
    assertEquals(1, count(m -> m.user().lastName() == null && m.user().firstName() != null));
    assertTrue(count(m -> m.user().twoFactorEnabled()) >= 5);
    assertTrue(count(m -> !m.user().twoFactorEnabled()) >= 5);
    Set<String> names =
        demo.members().stream()
            .map(m -> m.user().firstName() + " " + m.user().lastName())
            .collect(Collectors.toSet());
    assertTrue(names.containsAll(List.of("José Müller", "Zoë Ørsted", "健 渡辺", "Łukasz Żółć")));
    assertEquals(25, demo.members().stream().map(SimMember::email).distinct().count());
  }

  @Test
  void superAdminHeldButNotListed() {
    List<SimMember> holders =
        demo.members().stream()
            .filter(m -> m.roleIds().contains(Wire.SUPER_ADMIN_ROLE_ID))
            .toList();
    assertEquals(1, holders.size());
    assertEquals(Seeds.DEMO_MEMBER_JOSE, holders.get(0).id());
    assertEquals(61, demo.roles().size());
    assertEquals(60, demo.listedRoles().size());
    assertTrue(demo.listedRoles().stream().noneMatch(r -> r.id().equals(Wire.SUPER_ADMIN_ROLE_ID)));
    assertFalse(demo.listsSuperAdmin());
    assertEquals(4, demo.listedRoles().stream().filter(SimRole::legacyShape).count());
    assertEquals(60, demo.listedRoles().stream().map(SimRole::name).distinct().count());
  }

  @Test
  void everyMemberRoleExists() {
    Set<String> roleIds = demo.roles().stream().map(SimRole::id).collect(Collectors.toSet());
    for (SimMember m : demo.members()) {
      assertTrue(roleIds.containsAll(m.roleIds()), m.email());
      assertTrue(!m.roleIds().isEmpty() || m.managedByPolicies(), m.email());
    }
  }

  @Test
  void tokens() {
    assertEquals(6, demo.tokens().size());
    Map<String, Long> byStatus =
        demo.tokens().stream()
            .collect(Collectors.groupingBy(SimToken::status, Collectors.counting()));
    assertEquals(Map.of("active", 4L, "disabled", 1L, "expired", 1L), byStatus);
    assertTrue(demo.token(Seeds.DEMO_TOKEN_ID).isPresent());
  }

  @Test
  void accessUsersOverlapMembersByEmail() {
    assertEquals(40, demo.accessUsers().size());
    Set<String> memberEmails =
        demo.members().stream().map(SimMember::email).collect(Collectors.toSet());
    assertEquals(
        16, demo.accessUsers().stream().filter(u -> memberEmails.contains(u.email())).count());
    assertTrue(
        demo.accessUsers().stream()
            .anyMatch(
                u -> u.lastSuccessfulLogin() != null && u.lastSuccessfulLogin().contains(".")));
    assertTrue(
        demo.accessUsers().stream()
            .anyMatch(
                u -> u.lastSuccessfulLogin() != null && !u.lastSuccessfulLogin().contains(".")));
    assertNull(
        demo.accessUser(Seeds.DEMO_ACCESS_USER_NEVER_LOGGED_IN)
            .orElseThrow()
            .lastSuccessfulLogin());
    assertEquals(40, demo.accessUsers().stream().map(SimAccessUser::id).distinct().count());
  }

  @Test
  void groupsUseEveryRuleKindAndTheSchemaQuirks() {
    Map<String, Integer> kinds = new HashMap<>();
    Set<String> isDefaultShapes = new HashSet<>();
    Set<String> idpFields = new HashSet<>();
    for (JsonObject g : demo.groups()) {
      for (String section : List.of("include", "exclude", "require")) {
        if (g.has(section)) {
          for (JsonElement rule : g.getAsJsonArray(section)) {
            for (Map.Entry<String, JsonElement> e : rule.getAsJsonObject().entrySet()) {
              kinds.merge(e.getKey(), 1, Integer::sum);
              JsonObject inner = e.getValue().getAsJsonObject();
              if (inner.has("connection_id")) {
                idpFields.add(e.getKey() + ".connection_id");
              }
              if (inner.has("identity_provider_id")) {
                idpFields.add(e.getKey() + ".identity_provider_id");
              }
              if (e.getKey().equals("okta")) {
                idpFields.add(inner.has("name") ? "okta.name" : "okta.email");
              }
            }
          }
        }
      }
      if (g.has("is_default")) {
        isDefaultShapes.add(g.get("is_default").isJsonArray() ? "array" : "bool");
      }
    }
    for (String kind : Seeds.RULE_KINDS) {
      assertTrue(kinds.containsKey(kind), "missing rule kind " + kind);
    }
    assertTrue(kinds.containsKey(Seeds.UNKNOWN_RULE_KIND));
    assertEquals(Seeds.RULE_KINDS.size() + 1, kinds.size());
    assertEquals(Set.of("array", "bool"), isDefaultShapes);
    assertTrue(
        idpFields.containsAll(
            Set.of(
                "azureAD.connection_id",
                "azureAD.identity_provider_id",
                "okta.name",
                "okta.email")));
    assertEquals(13, demo.groups().size());
  }

  @Test
  void groupNestingIsThreeDeepAndHasOneCycle() {
    Map<String, List<String>> children = new HashMap<>();
    for (JsonObject g : demo.groups()) {
      List<String> nested = new java.util.ArrayList<>();
      for (JsonElement rule : g.getAsJsonArray("include")) {
        JsonObject r = rule.getAsJsonObject();
        if (r.has("group")) {
          nested.add(r.getAsJsonObject("group").get("id").getAsString());
        }
      }
      children.put(g.get("id").getAsString(), nested);
    }
    assertEquals(List.of(Seeds.DEMO_GROUP_PLATFORM), children.get(Seeds.DEMO_GROUP_ENGINEERING));
    assertEquals(List.of(Seeds.DEMO_GROUP_SRE), children.get(Seeds.DEMO_GROUP_PLATFORM));
    assertEquals(List.of(), children.get(Seeds.DEMO_GROUP_SRE));
    assertEquals(List.of(Seeds.DEMO_GROUP_CYCLE_B), children.get(Seeds.DEMO_GROUP_CYCLE_A));
    assertEquals(List.of(Seeds.DEMO_GROUP_CYCLE_A), children.get(Seeds.DEMO_GROUP_CYCLE_B));
    for (List<String> ids : children.values()) {
      assertTrue(children.keySet().containsAll(ids), "nested group must exist");
    }
  }

  @Test
  void listRulesReferenceListsOfTheRightType() {
    for (JsonObject g : demo.groups()) {
      for (String section : List.of("include", "exclude", "require")) {
        JsonArray rules = g.has(section) ? g.getAsJsonArray(section) : new JsonArray();
        for (JsonElement rule : rules) {
          JsonObject r = rule.getAsJsonObject();
          if (r.has("email_list")) {
            String id = r.getAsJsonObject("email_list").get("id").getAsString();
            assertEquals("EMAIL", demo.list(id).orElseThrow().type());
          }
          if (r.has("ip_list")) {
            String id = r.getAsJsonObject("ip_list").get("id").getAsString();
            assertEquals("IP", demo.list(id).orElseThrow().type());
          }
        }
      }
    }
    assertEquals(4, demo.list(Seeds.DEMO_LIST_SRE_EMAILS).orElseThrow().items().size());
  }

  @Test
  void riskIntegrationAndIntel() {
    assertTrue(demo.riskScoringEnabled());
    assertEquals(
        Wire.RISK_HIGH, demo.risk(Seeds.DEMO_ACCESS_USER_RAFAEL).orElseThrow().riskLevel());
    assertEquals(1, demo.integrations().size());
    assertEquals(Seeds.DEMO_IDP_OKTA, demo.integrations().get(0).referenceId());
    assertTrue(demo.ipIntel("203.0.113.7").isPresent());
    assertTrue(demo.ipIntel("2001:db8:0:0:0:0:bad:1").isPresent());
    assertTrue(demo.domainIntel("LOGIN-EXAMPLE.NET").isPresent());
  }

  @Test
  void deterministic() {
    SimAccount again = Seeds.demo();
    assertEquals(demo.members(), again.members());
    assertEquals(demo.roles(), again.roles());
    assertEquals(demo.tokens(), again.tokens());
    assertEquals(demo.accessUsers(), again.accessUsers());
    assertEquals(demo.groups(), again.groups());
    assertEquals(demo.lists(), again.lists());
  }

  @Test
  void groupAccessorsReturnCopies() {
    JsonObject g = demo.group(Seeds.DEMO_GROUP_SRE).orElseThrow();
    g.addProperty("name", "mutated");
    assertEquals(
        "SRE On-call", demo.group(Seeds.DEMO_GROUP_SRE).orElseThrow().get("name").getAsString());
    assertTrue(demo.replaceGroup(Seeds.DEMO_GROUP_SRE, g));
    assertEquals(
        "mutated", demo.group(Seeds.DEMO_GROUP_SRE).orElseThrow().get("name").getAsString());
    assertFalse(demo.replaceGroup("00000000-0000-4000-8000-000000000000", g));
  }
}
