package dev.batoncf.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.model.AccessGroup;
import dev.batoncf.support.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupPlanTest {
  static AccessGroup engineering() {
    return new AccessGroup(
        JsonParser.parseString(Fixtures.text("group_engineering_all_rule_kinds.json"))
            .getAsJsonObject());
  }

  @Test
  void addAppendsOneEmailRuleAndKeepsEveryOtherFieldExactly() {
    AccessGroup g = engineering();
    GroupPlan p = GroupPlan.add(g, "new.person@vendor.io", null);
    assertEquals(Outcome.CHANGED, p.outcome());
    JsonObject body = p.body();
    JsonObject original = g.raw();
    for (String key : original.keySet()) {
      if (Set.of("id", "created_at", "updated_at", "include").contains(key)) {
        continue;
      }
      assertEquals(original.get(key), body.get(key), key);
    }
    assertFalse(body.has("id"));
    assertFalse(body.has("created_at"));
    assertFalse(body.has("updated_at"));
    JsonArray include = body.getAsJsonArray("include");
    JsonArray before = original.getAsJsonArray("include");
    assertEquals(before.size() + 1, include.size());
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i), include.get(i));
    }
    assertEquals(
        JsonParser.parseString("{\"email\":{\"email\":\"new.person@vendor.io\"}}"),
        include.get(before.size()));
  }

  @Test
  void addIsAlreadyDoneWhenAnEmailRuleExistsInAnyCase() {
    GroupPlan p = GroupPlan.add(engineering(), "contractor.two@vendor.IO", null);
    assertEquals(Outcome.ALREADY_DONE, p.outcome());
    assertNull(p.body());
  }

  @Test
  void addIsRefusedWhenAnExcludeRuleWouldKeepThePersonOut() {
    GroupPlan p =
        GroupPlan.add(
            engineering(), "contractor@example.org", "exclude email contractor@example.org");
    assertEquals(Outcome.REFUSED, p.outcome());
    assertEquals(
        "contractor@example.org would still not be a member because of the rule "
            + "'exclude email contractor@example.org'; change that rule in Cloudflare instead",
        p.reason());
  }

  @Test
  void removeDropsOnlyThatEmailRule() {
    AccessGroup g = engineering();
    GroupPlan p = GroupPlan.remove(g, "contractor.two@vendor.io", null);
    assertEquals(Outcome.CHANGED, p.outcome());
    JsonArray include = p.body().getAsJsonArray("include");
    assertEquals(5, include.size());
    assertFalse(include.toString().contains("Contractor.Two"));
    assertEquals(g.raw().get("exclude"), p.body().get("exclude"));
    assertEquals(g.raw().get("require"), p.body().get("require"));
    assertEquals(g.raw().get("name"), p.body().get("name"));
  }

  @Test
  void removeWhenOnlyAnotherRuleMatchesIsRefusedNamingTheRule() {
    GroupPlan p = GroupPlan.remove(engineering(), "dev@example.org", "email_domain example.org");
    assertEquals(Outcome.REFUSED, p.outcome());
    assertEquals(
        "dev@example.org is a member through the rule 'email_domain example.org', not "
            + "an email rule; removing them needs a change to that rule",
        p.reason());
  }

  @Test
  void removeWhenAnotherRuleMatchesBesidesTheEmailRuleIsRefusedAndChangesNothing() {
    GroupPlan p = GroupPlan.remove(engineering(), "contractor.two@vendor.io", "email_list 1111");
    assertEquals(Outcome.REFUSED, p.outcome());
    assertEquals(null, p.body());
    assertEquals(
        "contractor.two@vendor.io is a member through the rule 'email_list 1111' as "
            + "well as their email rule; removing them needs a change to that rule",
        p.reason());
  }

  @Test
  void removeOfANonMemberIsAlreadyDone() {
    assertEquals(
        Outcome.ALREADY_DONE,
        GroupPlan.remove(engineering(), "stranger@else.where", null).outcome());
  }

  @Test
  void isDefaultArrayQuirkIsNotSentBackButABooleanIs() {
    AccessGroup quirky =
        new AccessGroup(
            JsonParser.parseString(Fixtures.text("group_is_default_array_quirk.json"))
                .getAsJsonObject());
    assertFalse(GroupPlan.add(quirky, "a@b.co", null).body().has("is_default"));
    assertTrue(GroupPlan.add(engineering(), "a@b.co", null).body().has("is_default"));
  }
}
