package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /members paging, filters, ordering and the member shape. */
class MembersTest {
  private CfSimulator sim;
  private SimHttp c;
  private String members;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    c = SimHttp.demo(sim);
    members = "/accounts/" + Seeds.DEMO_ACCOUNT_ID + "/members";
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void defaultPageIs20WithoutTotalPages() {
    SimHttp.Resp p1 = c.get(members);
    assertEquals(200, p1.status());
    assertEquals(20, p1.arr().size());
    JsonObject info = p1.info();
    assertEquals(1, info.get("page").getAsInt());
    assertEquals(20, info.get("per_page").getAsInt());
    assertEquals(20, info.get("count").getAsInt());
    assertEquals(25, info.get("total_count").getAsInt());
    assertFalse(info.has("total_pages"));

    SimHttp.Resp p2 = c.get(members + "?page=2");
    assertEquals(5, p2.arr().size());
    assertEquals(5, p2.info().get("count").getAsInt());
    SimHttp.Resp past = c.get(members + "?page=3");
    assertEquals(200, past.status());
    assertEquals(0, past.arr().size());
    assertEquals(0, past.info().get("count").getAsInt());
    assertEquals(25, past.info().get("total_count").getAsInt());

    List<String> all = new ArrayList<>(p1.ids());
    all.addAll(p2.ids());
    List<String> expected = sim.account().members().stream().map(SimMember::id).toList();
    assertEquals(expected, all);
  }

  @Test
  void perPageLimitsAndBadParamsAre400() {
    for (String q :
        new String[] {
          "?per_page=4",
          "?per_page=51",
          "?page=0",
          "?per_page=abc",
          "?order=user.id",
          "?direction=up",
          "?status=active"
        }) {
      SimHttp.Resp r = c.get(members + q);
      assertEquals(400, r.status(), q);
      assertEquals(Wire.CODE_VALIDATION, r.errorCode(), q);
    }
    assertEquals(5, c.get(members + "?per_page=5").arr().size());
    assertEquals(25, c.get(members + "?per_page=50").arr().size());
  }

  @Test
  void pageSizeFiveWalksEveryMemberOnce() {
    List<String> seen = new ArrayList<>();
    for (int page = 1; page <= 5; page++) {
      seen.addAll(c.get(members + "?per_page=5&page=" + page).ids());
    }
    assertEquals(25, seen.size());
    assertEquals(25, Set.copyOf(seen).size());
    assertEquals(0, c.get(members + "?per_page=5&page=6").arr().size());
  }

  @Test
  void statusFilter() {
    SimHttp.Resp pending = c.get(members + "?status=pending");
    assertEquals(
        Set.of(
            Seeds.DEMO_MEMBER_PENDING_NEW_HIRE,
            Seeds.DEMO_MEMBER_PENDING_CONTRACTOR,
            Seeds.DEMO_MEMBER_PENDING_WITH_USER),
        Set.copyOf(pending.ids()));
    assertEquals(3, pending.info().get("total_count").getAsInt());
    assertEquals(
        Set.of(Seeds.DEMO_MEMBER_REJECTED_VENDOR, Seeds.DEMO_MEMBER_REJECTED_ELODIE),
        Set.copyOf(c.get(members + "?status=rejected").ids()));
    assertEquals(
        20, c.get(members + "?status=accepted&per_page=50").info().get("total_count").getAsInt());
  }

  @Test
  void orderByEmailDescending() {
    SimHttp.Resp r = c.get(members + "?order=user.email&direction=desc&per_page=50");
    List<String> emails = new ArrayList<>();
    r.arr().forEach(e -> emails.add(e.getAsJsonObject().get("email").getAsString()));
    List<String> sorted = new ArrayList<>(emails);
    sorted.sort(String.CASE_INSENSITIVE_ORDER.reversed());
    assertEquals(sorted, emails);
    assertEquals("zoe.orsted@acme.example", emails.get(0));
  }

  @Test
  void orderByLastNamePutsNullsLast() {
    SimHttp.Resp r = c.get(members + "?order=user.last_name&status=accepted&per_page=50");
    JsonElement last =
        r.arr().get(r.arr().size() - 1).getAsJsonObject().getAsJsonObject("user").get("last_name");
    assertTrue(last.isJsonNull()); // Priya has no last name
  }

  @Test
  void memberShape() {
    JsonObject jose = c.get(members + "/" + Seeds.DEMO_MEMBER_JOSE).obj();
    assertEquals(Seeds.DEMO_MEMBER_JOSE, jose.get("id").getAsString());
    assertEquals(Seeds.DEMO_EMAIL, jose.get("email").getAsString());
    assertEquals("accepted", jose.get("status").getAsString());
    JsonObject user = jose.getAsJsonObject("user");
    assertEquals(Seeds.DEMO_USER_JOSE, user.get("id").getAsString());
    assertEquals("José", user.get("first_name").getAsString());
    assertEquals("Müller", user.get("last_name").getAsString());
    assertTrue(user.get("two_factor_authentication_enabled").getAsBoolean());
    JsonObject superAdmin = jose.getAsJsonArray("roles").get(0).getAsJsonObject();
    assertEquals(Wire.SUPER_ADMIN_ROLE_ID, superAdmin.get("id").getAsString());
    assertEquals(Wire.SUPER_ADMIN_ROLE_NAME, superAdmin.get("name").getAsString());
    assertTrue(
        superAdmin
            .getAsJsonObject("permissions")
            .getAsJsonObject("billing")
            .get("write")
            .getAsBoolean());
    assertEquals(0, jose.getAsJsonArray("policies").size());

    // legacy-shape roles are still the object shape inside a member
    JsonObject zoe = c.get(members + "/" + Seeds.DEMO_MEMBER_ZOE).obj();
    JsonObject billing = zoe.getAsJsonArray("roles").get(1).getAsJsonObject();
    assertEquals(Seeds.ROLE_BILLING, billing.get("id").getAsString());
    assertTrue(billing.get("permissions").isJsonObject());

    JsonObject invite = c.get(members + "/" + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE).obj();
    assertFalse(invite.getAsJsonObject("user").has("id"));
    assertEquals(
        Seeds.DEMO_EMAIL_PENDING_NEW_HIRE,
        invite.getAsJsonObject("user").get("email").getAsString());
    assertTrue(invite.getAsJsonObject("user").get("first_name").isJsonNull());

    JsonObject priya = c.get(members + "/" + Seeds.DEMO_MEMBER_PRIYA).obj();
    assertTrue(priya.getAsJsonObject("user").has("last_name"));
    assertTrue(priya.getAsJsonObject("user").get("last_name").isJsonNull());

    JsonObject mei = c.get(members + "/" + Seeds.DEMO_MEMBER_POLICY_MEI).obj();
    assertEquals(0, mei.getAsJsonArray("roles").size());
    assertEquals(2, mei.getAsJsonArray("policies").size());
    JsonObject deny = mei.getAsJsonArray("policies").get(1).getAsJsonObject();
    assertEquals("deny", deny.get("access").getAsString());
    assertEquals(
        "Billing",
        deny.getAsJsonArray("permission_groups")
            .get(0)
            .getAsJsonObject()
            .get("name")
            .getAsString());
    assertEquals(
        "com.cloudflare.api.account." + Seeds.DEMO_ACCOUNT_ID,
        deny.getAsJsonArray("resource_groups")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("scope")
            .get("key")
            .getAsString(),
        "one object, as in [S2607]");
  }

  @Test
  void unknownMemberIs404() {
    SimHttp.Resp r = c.get(members + "/ffffffffffffffffffffffffffffffff");
    assertEquals(404, r.status());
    assertEquals(Wire.CODE_NOT_FOUND, r.errorCode());
  }
}
