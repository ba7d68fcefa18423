package dev.batoncf.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.SimSync;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {
  static final String GROUP = "/accounts/{account_id}/access/groups/{group_id}";

  CfSimulator sim;
  CloudflareClient client;
  GroupMembership groups;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    client = SimSync.client(sim, SimSync.demoToken());
    groups = new GroupMembership(client);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private List<RequestLog.Recorded> puts() {
    return sim.requests().matching("PUT", GROUP);
  }

  private JsonObject stored(String id) {
    return sim.account().group(id).orElseThrow().deepCopy();
  }

  @Test
  void addPutsBackEveryOtherFieldExactlyIncludingUnknownOnes() {
    String id = Seeds.DEMO_GROUP_FUTURE;
    JsonObject before = stored(id);
    Change c = groups.add(id, "access_user:x", "ana.ruiz@acme.example", false);
    assertEquals(Outcome.CHANGED, c.outcome());
    assertEquals(1, puts().size());
    JsonObject body = JsonParser.parseString(puts().get(0).body()).getAsJsonObject();
    for (String key : before.keySet()) {
      if (Set.of("id", "created_at", "updated_at", "include").contains(key)) {
        assertFalse(body.has(key) && !key.equals("include"), key + " is server-managed");
        continue;
      }
      assertEquals(before.get(key), body.get(key), key);
    }
    assertEquals("24h", body.get("session_duration_hint").getAsString());
    JsonArray include = body.getAsJsonArray("include");
    JsonArray old = before.getAsJsonArray("include");
    assertEquals(old.size() + 1, include.size());
    for (int i = 0; i < old.size(); i++) {
      assertEquals(old.get(i), include.get(i), "rule " + i + " kept verbatim");
    }
    assertEquals(
        "{\"email\":{\"email\":\"ana.ruiz@acme.example\"}}", include.get(old.size()).toString());
    assertEquals(
        body.getAsJsonArray("include"),
        sim.account().group(id).orElseThrow().getAsJsonArray("include"));
  }

  @Test
  void addingSomeoneAlreadyIncludedByEmailSendsNoPut() {
    Change c =
        groups.add(Seeds.DEMO_GROUP_PLATFORM, "access_user:x", "Ken.Watanabe@acme.example", false);
    assertEquals(Outcome.ALREADY_DONE, c.outcome());
    assertEquals(0, puts().size());
  }

  @Test
  void removeDropsOnlyThatRuleAndASecondRemoveSendsNoPut() {
    String id = Seeds.DEMO_GROUP_PLATFORM;
    JsonObject before = stored(id);
    assertEquals(
        Outcome.CHANGED,
        groups.remove(id, "access_user:x", "ken.watanabe@acme.example", false).outcome());
    JsonObject after = stored(id);
    assertEquals(
        before.getAsJsonArray("include").size() - 1, after.getAsJsonArray("include").size());
    assertFalse(after.toString().contains("ken.watanabe"));
    assertEquals(before.get("exclude"), after.get("exclude"));
    assertEquals(before.get("name"), after.get("name"));
    assertEquals(
        Outcome.ALREADY_DONE,
        groups.remove(id, "access_user:x", "ken.watanabe@acme.example", false).outcome());
    assertEquals(1, puts().size());
  }

  @Test
  void removalThroughAnotherRuleIsRefusedNamingThatRule() {
    assertRefused(
        Seeds.DEMO_GROUP_ENGINEERING, "ana.ruiz@acme.example", "email_domain acme.example");
    assertRefused(
        Seeds.DEMO_GROUP_SRE, "noah.berg@acme.example", "email_list " + Seeds.DEMO_LIST_SRE_EMAILS);
    assertRefused(
        Seeds.DEMO_GROUP_CYCLE_A, "chloe.dubois@acme.example", "group " + Seeds.DEMO_GROUP_CYCLE_B);
    assertRefused(Seeds.DEMO_GROUP_ALL_STAFF, "someone@acme.example", "everyone");
    assertEquals(0, puts().size());
  }

  private void assertRefused(String group, String email, String rule) {
    Change c = groups.remove(group, "access_user:x", email, false);
    assertEquals(Outcome.REFUSED, c.outcome(), group);
    assertEquals(
        email
            + " is a member through the rule '"
            + rule
            + "', not an email rule; "
            + "removing them needs a change to that rule",
        c.message());
  }

  @Test
  void addingSomeoneAnExcludeRuleKeepsOutIsRefused() {
    Change c =
        groups.add(
            Seeds.DEMO_GROUP_ENGINEERING, "access_user:x", "intern.temp@acme.example", false);
    assertEquals(Outcome.REFUSED, c.outcome());
    assertTrue(c.message().contains("exclude email intern.temp@acme.example"), c.message());
    assertEquals(0, puts().size());
  }

  @Test
  void aChangeBySomeoneElseBetweenOurReadAndWriteIsKept() {
    String id = Seeds.DEMO_GROUP_PLATFORM;
    sim.faults()
        .hooks()
        .afterNext(
            "GET",
            "/access/groups/" + id,
            () ->
                sim.account()
                    .updateGroup(
                        id,
                        g -> {
                          JsonObject rule =
                              JsonParser.parseString(
                                      "{\"email\":{\"email\":\"blocked@acme.example\"}}")
                                  .getAsJsonObject();
                          g.getAsJsonArray("exclude").add(rule);
                          return g;
                        }));
    Change c = groups.add(id, "access_user:x", "ana.ruiz@acme.example", false);
    assertEquals(Outcome.CHANGED, c.outcome());
    assertEquals(
        3,
        sim.requests().matching("GET", GROUP).stream().filter(r -> r.path().endsWith(id)).count(),
        "read, changed re-read, re-read");
    assertEquals(1, puts().size());
    JsonObject after = stored(id);
    assertTrue(
        after.getAsJsonArray("exclude").toString().contains("blocked@acme.example"),
        "the other writer's change survived");
    assertTrue(after.getAsJsonArray("include").toString().contains("ana.ruiz@acme.example"));
  }

  @Test
  void unknownGroupAndMissingEmailAreClearErrorsWithoutWrites() {
    ProvisionException notFound =
        assertThrows(
            ProvisionException.class,
            () ->
                groups.add(
                    "00000000-0000-4000-8000-000000000000",
                    "access_user:x",
                    "a@acme.example",
                    false));
    assertEquals(ProvisionException.Kind.NOT_FOUND, notFound.kind());
    ProvisionException noEmail =
        assertThrows(
            ProvisionException.class,
            () -> groups.add(Seeds.DEMO_GROUP_PLATFORM, "access_user:x", " ", false));
    assertEquals(ProvisionException.Kind.INVALID_ARGUMENT, noEmail.kind());
    assertEquals(0, puts().size());
  }

  @Test
  void accessUserEmailIsLookedUpWhenNotSynced() {
    String email =
        new PrincipalEmails(client).email("access_user", Seeds.DEMO_ACCESS_USER_ANA, null);
    assertEquals("ana.ruiz@acme.example", email);
    assertEquals(
        "given@acme.example",
        new PrincipalEmails(client).email("access_user", "id", "given@acme.example"));
  }
}
