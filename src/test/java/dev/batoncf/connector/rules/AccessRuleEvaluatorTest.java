package dev.batoncf.connector.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.model.AccessGroup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRuleEvaluatorTest {
  static final AccessPrincipal ANA = new AccessPrincipal("u-ana", "Ana@Example.org", "medium");
  static final AccessPrincipal BOB = new AccessPrincipal("u-bob", "bob@vendor.io", null);
  static final AccessPrincipal CAT = new AccessPrincipal("u-cat", "cat@example.org", "high");

  private final Map<String, GroupRules> groups = new HashMap<>();

  private void group(String id, String include, String require, String exclude) {
    groups.put(
        id,
        GroupRules.of(
            new AccessGroup(
                JsonParser.parseString(
                        "{\"id\":\""
                            + id
                            + "\",\"include\":"
                            + include
                            + ",\"require\":"
                            + require
                            + ",\"exclude\":"
                            + exclude
                            + "}")
                    .getAsJsonObject())));
  }

  private AccessRuleEvaluator evaluator(boolean riskKnown) {
    return new AccessRuleEvaluator(groups, Map.of("list-1", Set.of("bob@vendor.io")), riskKnown);
  }

  /**
   * One include rule against three people: ANA (example.org, medium), BOB (vendor, unscored), CAT
   * (high).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"email\":{\"email\":\"ANA@example.ORG\"}}|true|false|false",
        "{\"email_domain\":{\"domain\":\"example.org\"}}|true|false|true",
        "{\"email_domain\":{\"domain\":\"@vendor.io\"}}|false|true|false",
        "{\"everyone\":{}}|true|true|true",
        "{\"email_list\":{\"id\":\"list-1\"}}|false|true|false",
        "{\"email_list\":{\"id\":\"list-unknown\"}}|false|false|false",
        "{\"user_risk_score\":{\"user_risk_score\":[\"high\",\"unscored\"]}}|false|true|true",
        "{\"okta\":{\"name\":\"eng\",\"identity_provider_id\":\"idp\"}}|false|false|false",
        "{\"ip\":{\"ip\":\"10.0.0.0/8\"}}|false|false|false",
        "{\"email\":\"not-an-object\"}|false|false|false",
        "{\"email\":{}}|false|false|false",
        "{\"future_kind\":{\"x\":1}}|false|false|false"
      })
  void includeTruthTablePerRuleKind(String rule, boolean ana, boolean bob, boolean cat) {
    group("g", "[" + rule + "]", "[]", "[]");
    AccessRuleEvaluator ev = evaluator(true);
    assertEquals(ana, ev.forPerson(ANA).member("g"), "ana");
    assertEquals(bob, ev.forPerson(BOB).member("g"), "bob");
    assertEquals(cat, ev.forPerson(CAT).member("g"), "cat");
  }

  @Test
  void riskRulesAreUndecidedWithoutRiskScoring() {
    group("g", "[{\"user_risk_score\":{\"user_risk_score\":[\"high\"]}}]", "[]", "[]");
    assertFalse(evaluator(false).forPerson(CAT).member("g"));
    group(
        "h",
        "[{\"everyone\":{}}]",
        "[]",
        "[{\"user_risk_score\":{\"user_risk_score\":[\"high\"]}}]");
    assertTrue(evaluator(false).forPerson(CAT).member("h"), "undecided exclude does not exclude");
    assertFalse(evaluator(true).forPerson(CAT).member("h"), "decided exclude excludes");
  }

  @Test
  void excludeWinsOverIncludeAndRequireMustHoldForEveryRule() {
    group(
        "g",
        "[{\"email_domain\":{\"domain\":\"example.org\"}},{\"email\":{\"email\":\"bob@vendor.io\"}}]",
        "[{\"email_domain\":{\"domain\":\"example.org\"}},{\"auth_method\":{\"auth_method\":\"mfa\"}}]",
        "[{\"email\":{\"email\":\"cat@example.org\"}}]");
    AccessRuleEvaluator ev = evaluator(true);
    assertTrue(ev.forPerson(ANA).member("g"), "included, requirement met, mfa is a condition");
    assertFalse(ev.forPerson(BOB).member("g"), "included but fails the domain requirement");
    assertFalse(ev.forPerson(CAT).member("g"), "excluded");
    assertEquals(Optional.of("exclude email cat@example.org"), ev.forPerson(CAT).blockingRule("g"));
    assertEquals(
        Optional.of("require email_domain example.org"), ev.forPerson(BOB).blockingRule("g"));
  }

  @Test
  void nestedGroupsResolveToDepthThreeAndDirectMembershipSkipsThem() {
    group("top", "[{\"group\":{\"id\":\"mid\"}}]", "[]", "[]");
    group(
        "mid",
        "[{\"group\":{\"id\":\"leaf\"}},{\"email\":{\"email\":\"ana@example.org\"}}]",
        "[]",
        "[]");
    group("leaf", "[{\"email_list\":{\"id\":\"list-1\"}}]", "[]", "[]");
    AccessRuleEvaluator ev = evaluator(true);
    assertTrue(ev.forPerson(BOB).member("top"));
    assertTrue(ev.forPerson(ANA).member("top"));
    assertFalse(ev.forPerson(CAT).member("top"));
    assertFalse(ev.forPerson(BOB).directMember("top"));
    assertTrue(ev.forPerson(ANA).directMember("mid"));
  }

  @Test
  void cyclesTerminateAndUniteTheirMembers() {
    group(
        "a",
        "[{\"group\":{\"id\":\"b\"}},{\"email\":{\"email\":\"ana@example.org\"}}]",
        "[]",
        "[]");
    group(
        "b", "[{\"group\":{\"id\":\"a\"}},{\"email\":{\"email\":\"bob@vendor.io\"}}]", "[]", "[]");
    group("self", "[{\"group\":{\"id\":\"self\"}}]", "[]", "[]");
    AccessRuleEvaluator ev = evaluator(true);
    AccessRuleEvaluator.Person bob = ev.forPerson(BOB);
    assertTrue(bob.member("a"));
    assertTrue(bob.member("b"));
    assertTrue(ev.forPerson(ANA).member("b"));
    assertFalse(ev.forPerson(CAT).member("a"));
    assertFalse(ev.forPerson(ANA).member("self"));
  }

  @Test
  void unknownNestedGroupMatchesNobody() {
    group("g", "[{\"group\":{\"id\":\"deleted\"}}]", "[]", "[]");
    assertFalse(evaluator(true).forPerson(ANA).member("g"));
  }

  @Test
  void includingRuleNamesTheOtherRuleThatGrantsMembership() {
    group(
        "g",
        "[{\"email\":{\"email\":\"ana@example.org\"}},{\"email_domain\":{\"domain\":\"example.org\"}}]",
        "[]",
        "[]");
    Optional<Rule> other =
        evaluator(true).forPerson(ANA).includingRule("g", r -> Rule.EMAIL.equals(r.kind()));
    assertEquals("email_domain example.org", other.orElseThrow().describe());
  }
}
