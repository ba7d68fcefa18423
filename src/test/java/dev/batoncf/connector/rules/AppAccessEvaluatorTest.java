package dev.batoncf.connector.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.model.AccessGroup;
import dev.batoncf.connector.rules.AppAccessEvaluator.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each case of app-policy evaluation: decisions, precedence, request rules, group links. */
class AppAccessEvaluatorTest {
  static final AccessPrincipal ANA = new AccessPrincipal("u-ana", "ana@example.org", "medium");
  static final AccessPrincipal BOB = new AccessPrincipal("u-bob", "bob@vendor.io", null);
  static final AccessPrincipal CAT = new AccessPrincipal("u-cat", "cat@example.org", "high");

  private final Map<String, GroupRules> groups = new HashMap<>();
  private final List<AppPolicy> policies = new ArrayList<>();
  private boolean riskKnown = true;

  private void group(String id, String include, String exclude) {
    groups.put(
        id,
        GroupRules.of(
            new AccessGroup(
                JsonParser.parseString(
                        "{\"id\":\""
                            + id
                            + "\",\"include\":"
                            + include
                            + ",\"exclude\":"
                            + exclude
                            + "}")
                    .getAsJsonObject())));
  }

  private void policy(
      String id, String decision, int precedence, String include, String require, String exclude) {
    policies.add(
        AppPolicy.of(
            JsonParser.parseString(
                    "{\"id\":\""
                        + id
                        + "\",\"name\":\""
                        + id
                        + "\",\"decision\":\""
                        + decision
                        + "\",\"precedence\":"
                        + precedence
                        + ",\"include\":"
                        + include
                        + ",\"require\":"
                        + require
                        + ",\"exclude\":"
                        + exclude
                        + "}")
                .getAsJsonObject()));
  }

  private AppAccessEvaluator app() {
    return new AppAccessEvaluator(policies, groups.keySet());
  }

  private AccessRuleEvaluator.Person person(AccessPrincipal p) {
    return new AccessRuleEvaluator(groups, Map.of(), riskKnown).forPerson(p);
  }

  private AppAccessEvaluator.Decision decide(AccessPrincipal p) {
    return app().decide(person(p));
  }

  @Test
  void anAllowGrantsWhoItsRulesMatchAndNobodyElse() {
    policy("p1", "allow", 1, "[{\"email_domain\":{\"domain\":\"example.org\"}}]", "[]", "[]");
    assertEquals(Outcome.ALLOWED, decide(ANA).outcome());
    assertEquals("p1", decide(ANA).policy().id());
    assertEquals(Outcome.NOT_ALLOWED, decide(BOB).outcome());
    assertNull(decide(BOB).policy());
  }

  @Test
  void aDenyBeforeAnAllowRemovesThePeopleItMatches() {
    policy("allow-all", "allow", 2, "[{\"everyone\":{}}]", "[]", "[]");
    policy("deny-cat", "deny", 1, "[{\"email\":{\"email\":\"cat@example.org\"}}]", "[]", "[]");
    assertEquals(Outcome.DENIED, decide(CAT).outcome());
    assertEquals("deny-cat", decide(CAT).policy().id());
    assertEquals(Outcome.ALLOWED, decide(ANA).outcome());
  }

  @Test
  void precedenceNotListOrderDecidesSoADenyAfterTheAllowChangesNothing() {
    policy("deny-cat", "deny", 5, "[{\"email\":{\"email\":\"cat@example.org\"}}]", "[]", "[]");
    policy("allow-all", "allow", 1, "[{\"everyone\":{}}]", "[]", "[]");
    assertEquals(Outcome.ALLOWED, decide(CAT).outcome());
    assertEquals("allow-all", decide(CAT).policy().id());
  }

  @Test
  void aDenyThatDependsOnTheRequestIsAConditionNotARemoval() {
    policy(
        "deny-geo",
        "deny",
        1,
        "[{\"everyone\":{}}]",
        "[{\"geo\":{\"country_code\":\"RU\"}}]",
        "[]");
    policy("deny-maybe", "deny", 2, "[{\"ip\":{\"ip\":\"10.0.0.0/8\"}}]", "[]", "[]");
    policy("allow-all", "allow", 3, "[{\"everyone\":{}}]", "[]", "[]");
    assertEquals(Outcome.ALLOWED, decide(ANA).outcome());
    assertEquals("allow-all", decide(ANA).policy().id());
  }

  @Test
  void anAllowWithRequestRulesInRequireStillGrantsButOneOnlyIncludingThemGrantsNobody() {
    policy(
        "okta-only",
        "allow",
        1,
        "[{\"okta\":{\"name\":\"eng\",\"identity_provider_id\":\"idp\"}}]",
        "[]",
        "[]");
    assertEquals(Outcome.NOT_ALLOWED, decide(ANA).outcome());
    policy(
        "mfa",
        "allow",
        2,
        "[{\"email\":{\"email\":\"ana@example.org\"}}]",
        "[{\"auth_method\":{\"auth_method\":\"mfa\"}}]",
        "[]");
    assertEquals(Outcome.ALLOWED, decide(ANA).outcome());
    assertEquals("mfa", decide(ANA).policy().id());
  }

  @Test
  void bypassAndNonIdentityPoliciesGrantNobody() {
    policy("public", "bypass", 1, "[{\"everyone\":{}}]", "[]", "[]");
    policy("ci", "non_identity", 2, "[{\"any_valid_service_token\":{}}]", "[]", "[]");
    policy("typo", "alow", 3, "[{\"everyone\":{}}]", "[]", "[]");
    for (AccessPrincipal p : List.of(ANA, BOB, CAT)) {
      assertEquals(Outcome.NOT_ALLOWED, decide(p).outcome(), p.email());
    }
    assertTrue(policies.get(0).withoutIdentity());
    assertTrue(policies.get(1).withoutIdentity());
    assertFalse(policies.get(2).identifies() || policies.get(2).withoutIdentity());
  }

  @Test
  void riskExclusionsAreDecidedOnlyWhenRiskIsKnown() {
    policy(
        "low-risk",
        "allow",
        1,
        "[{\"everyone\":{}}]",
        "[]",
        "[{\"user_risk_score\":{\"user_risk_score\":[\"high\"]}}]");
    assertEquals(Outcome.NOT_ALLOWED, decide(CAT).outcome());
    riskKnown = false;
    assertEquals(Outcome.ALLOWED, decide(CAT).outcome(), "undecided: never removes on a guess");
  }

  @Test
  void aGroupNamedByAPlainAllowIsLeftToTheHostAndItsMembersGetNoSecondGrant() {
    group("eng", "[{\"email_domain\":{\"domain\":\"example.org\"}}]", "[]");
    policy("eng", "allow", 1, "[{\"group\":{\"id\":\"eng\"}}]", "[]", "[]");
    policy("bob", "allow", 2, "[{\"email\":{\"email\":\"bob@vendor.io\"}}]", "[]", "[]");
    AppAccessEvaluator app = app();
    assertEquals(Map.of("eng", true), app.groupLinks());
    assertEquals(Outcome.ALLOWED, app.decide(person(ANA)).outcome());
    assertFalse(app.needsDirectGrant(person(ANA)), "reached through group:eng");
    assertEquals(Outcome.ALLOWED, app.decide(person(BOB)).outcome());
    assertTrue(app.needsDirectGrant(person(BOB)));
  }

  @Test
  void aGroupWhosePolicyHasDecidableExclusionsIsGrantedExactly() {
    group("eng", "[{\"email_domain\":{\"domain\":\"example.org\"}}]", "[]");
    policy(
        "eng-not-cat",
        "allow",
        1,
        "[{\"group\":{\"id\":\"eng\"}}]",
        "[]",
        "[{\"email\":{\"email\":\"cat@example.org\"}}]");
    AppAccessEvaluator app = app();
    assertEquals(Map.of("eng", false), app.groupLinks());
    assertEquals(Outcome.ALLOWED, app.decide(person(ANA)).outcome());
    assertTrue(app.needsDirectGrant(person(ANA)));
    assertEquals(Outcome.NOT_ALLOWED, app.decide(person(CAT)).outcome());
  }

  @Test
  void aDenyBeforeAGroupAllowMakesTheGroupExactAndRemovesTheDenied() {
    group("eng", "[{\"email_domain\":{\"domain\":\"example.org\"}}]", "[]");
    policy("no-cat", "deny", 1, "[{\"email\":{\"email\":\"cat@example.org\"}}]", "[]", "[]");
    policy(
        "eng",
        "allow",
        2,
        "[{\"group\":{\"id\":\"eng\"}}]",
        "[{\"auth_method\":{\"auth_method\":\"mfa\"}}]",
        "[]");
    AppAccessEvaluator app = app();
    assertEquals(Map.of("eng", false), app.groupLinks());
    assertEquals(Outcome.DENIED, app.decide(person(CAT)).outcome());
    assertEquals(Outcome.ALLOWED, app.decide(person(ANA)).outcome());
    assertTrue(app.needsDirectGrant(person(ANA)));
  }

  @Test
  void nestedGroupsAndUnknownGroupsFollowTheGroupEvaluator() {
    group("sre", "[{\"email\":{\"email\":\"bob@vendor.io\"}}]", "[]");
    group("platform", "[{\"group\":{\"id\":\"sre\"}}]", "[]");
    policy(
        "platform",
        "allow",
        1,
        "[{\"group\":{\"id\":\"platform\"}}," + "{\"group\":{\"id\":\"not-synced\"}}]",
        "[]",
        "[]");
    AppAccessEvaluator app = app();
    assertEquals(Map.of("platform", true), app.groupLinks(), "no link to an unknown group");
    assertEquals(Outcome.ALLOWED, app.decide(person(BOB)).outcome());
    assertFalse(app.needsDirectGrant(person(BOB)));
    assertEquals(Outcome.NOT_ALLOWED, app.decide(person(ANA)).outcome());
  }

  @Test
  void aPolicyWithoutPrecedenceComesLastAndDescribesItself() {
    policy("deny-all", "deny", 1, "[{\"everyone\":{}}]", "[]", "[]");
    policies.add(
        AppPolicy.of(
            JsonParser.parseString(
                    "{\"id\":\"r\",\"name\":\"Reusable\","
                        + "\"decision\":\"allow\",\"include\":[{\"everyone\":{}}],\"reusable\":true}")
                .getAsJsonObject()));
    assertEquals(Integer.MAX_VALUE, policies.get(1).precedence());
    assertEquals(Outcome.DENIED, decide(ANA).outcome());
    assertEquals("allow Reusable: include everyone", policies.get(1).describe());
    assertEquals("1 deny deny-all: include everyone", policies.get(0).describe());
    assertEquals(Set.of(), app().groupLinks().keySet());
  }
}
