package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access users and groups, including the full-replacement PUT that must keep unknown fields. */
class AccessTest {
  private CfSimulator sim;
  private SimHttp c;
  private String acct;

  @BeforeEach
  void start() {
    SimAccount account =
        Seeds.demo().clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));
    sim = CfSimulator.start(account);
    c = SimHttp.demo(sim);
    acct = "/accounts/" + Seeds.DEMO_ACCOUNT_ID;
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void usersDefaultToOnePageOf1000WithTotalPages() {
    SimHttp.Resp r = c.get(acct + "/access/users");
    assertEquals(40, r.arr().size());
    assertEquals(1000, r.info().get("per_page").getAsInt());
    assertEquals(40, r.info().get("total_count").getAsInt());
    assertEquals(1, r.info().get("total_pages").getAsInt());
    SimHttp.Resp p3 = c.get(acct + "/access/users?per_page=15&page=3");
    assertEquals(10, p3.arr().size());
    assertEquals(3, p3.info().get("total_pages").getAsInt());
    assertEquals(400, c.get(acct + "/access/users?per_page=1001").status());
    assertEquals(400, c.get(acct + "/access/users?per_page=0").status());
  }

  @Test
  void userFilters() {
    SimHttp.Resp byEmail = c.get(acct + "/access/users?email=ANA.RUIZ@acme.example");
    assertEquals(1, byEmail.arr().size());
    assertEquals(Seeds.DEMO_ACCESS_USER_ANA, byEmail.ids().get(0));
    assertEquals(6, c.get(acct + "/access/users?search=partner.example").arr().size());
    assertEquals(1, c.get(acct + "/access/users?name=m%C3%BCller").arr().size());
  }

  @Test
  void userShapeIncludingAbsentOptionalFields() {
    JsonObject never = null;
    JsonObject ana = null;
    for (var e : c.get(acct + "/access/users").arr()) {
      JsonObject u = e.getAsJsonObject();
      if (u.get("id").getAsString().equals(Seeds.DEMO_ACCESS_USER_NEVER_LOGGED_IN)) {
        never = u;
      }
      if (u.get("id").getAsString().equals(Seeds.DEMO_ACCESS_USER_ANA)) {
        ana = u;
      }
    }
    assertFalse(never.has("last_successful_login"), "absent: the schema has no null for it");
    assertFalse(never.has("access_seat"));
    assertFalse(never.has("gateway_seat"));
    assertEquals("ana.ruiz@acme.example", ana.get("email").getAsString());
    assertEquals("Ana Ruiz", ana.get("name").getAsString());
    assertTrue(ana.get("access_seat").isJsonPrimitive());
    assertEquals(Seeds.DEMO_ACCESS_USER_ANA, ana.get("uid").getAsString());
  }

  @Test
  void groupsListIncludesRules() {
    SimHttp.Resp r = c.get(acct + "/access/groups");
    assertEquals(13, r.arr().size());
    assertEquals(1, r.info().get("total_pages").getAsInt());
    JsonObject eng = r.arr().get(0).getAsJsonObject();
    assertEquals(Seeds.DEMO_GROUP_ENGINEERING, eng.get("id").getAsString());
    assertEquals(
        "acme.example",
        eng.getAsJsonArray("include")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("email_domain")
            .get("domain")
            .getAsString());
    assertEquals(1, c.get(acct + "/access/groups?name=engineering").arr().size());
    assertEquals(2, c.get(acct + "/access/groups?search=cycle").arr().size());
  }

  @Test
  void putIsFullReplacementThatKeepsUnknownFieldsAndRules() {
    String path = acct + "/access/groups/" + Seeds.DEMO_GROUP_FUTURE;
    JsonObject g = c.get(path).obj();
    g.addProperty("name", "Future Rules (edited)");
    g.getAsJsonArray("include")
        .add(JsonParser.parseString("{\"email\":{\"email\":\"emma.johansson@acme.example\"}}"));
    g.addProperty("brand_new_field", 42);
    g.remove("exclude");
    SimHttp.Resp put = c.put(path, g.toString());
    assertEquals(200, put.status(), put.raw());

    JsonObject after = c.get(path).obj();
    assertEquals("Future Rules (edited)", after.get("name").getAsString());
    assertEquals("24h", after.get("session_duration_hint").getAsString());
    assertEquals(42, after.get("brand_new_field").getAsInt());
    assertEquals(3, after.getAsJsonArray("include").size());
    assertEquals(
        "high",
        after
            .getAsJsonArray("include")
            .get(1)
            .getAsJsonObject()
            .getAsJsonObject(Seeds.UNKNOWN_RULE_KIND)
            .get("level")
            .getAsString());
    assertFalse(after.has("exclude")); // full replacement: what was not sent is gone
    assertEquals("2025-03-04T10:15:30Z", after.get("created_at").getAsString());
    assertEquals("2026-01-02T03:04:05.678Z", after.get("updated_at").getAsString());
    assertEquals(Seeds.DEMO_GROUP_FUTURE, after.get("id").getAsString());
  }

  @Test
  void putValidation() {
    String path = acct + "/access/groups/" + Seeds.DEMO_GROUP_PARTNERS;
    for (String body :
        new String[] {
          "{\"include\":[{\"everyone\":{}}]}",
          "{\"name\":\"\",\"include\":[{\"everyone\":{}}]}",
          "{\"name\":\"x\"}",
          "{\"name\":\"x\",\"include\":{}}",
          "{\"name\":\"x\",\"include\":[{\"everyone\":{},\"email\":{\"email\":\"a@b.c\"}}]}",
          "{\"name\":\"x\",\"include\":[{\"email\":\"a@b.c\"}]}",
          "{\"name\":\"x\",\"include\":[{\"email\":{\"email\":\"\"}}]}",
          "{\"name\":\"x\",\"include\":[],\"exclude\":{}}",
          "{\"name\":\"x\",\"include\":[],\"is_default\":\"yes\"}"
        }) {
      SimHttp.Resp r = c.put(path, body);
      assertEquals(400, r.status(), body);
      assertEquals(Wire.CODE_VALIDATION, r.errorCode(), body);
    }
    assertEquals(
        "Partners",
        sim.account().group(Seeds.DEMO_GROUP_PARTNERS).orElseThrow().get("name").getAsString());
    assertEquals(
        404,
        c.put(
                acct + "/access/groups/00000000-0000-4000-8000-000000000000",
                "{\"name\":\"x\",\"include\":[]}")
            .status());
  }

  @Test
  void createAndDeleteGroup() {
    SimHttp.Resp created =
        c.post(
            acct + "/access/groups",
            "{\"name\":\"New\",\"include\":[{\"email\":{\"email\":\"ana.ruiz@acme.example\"}}],"
                + "\"is_default\":false}");
    assertEquals(201, created.status());
    String id = created.obj().get("id").getAsString();
    assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    assertEquals("2026-01-02T03:04:05.678Z", created.obj().get("created_at").getAsString());
    assertEquals(14, c.get(acct + "/access/groups").arr().size());
    SimHttp.Resp deleted = c.delete(acct + "/access/groups/" + id);
    assertEquals(202, deleted.status());
    assertEquals(id, deleted.obj().get("id").getAsString());
    assertEquals(404, c.get(acct + "/access/groups/" + id).status());
    assertNotEquals(id, Seeds.DEMO_GROUP_ENGINEERING);
  }

  @Test
  void listItemsAreFlatByDefaultAndNestedOnRequest() {
    String items = acct + "/gateway/lists/" + Seeds.DEMO_LIST_SRE_EMAILS + "/items";
    SimHttp.Resp flat = c.get(items);
    assertEquals(4, flat.arr().size());
    assertTrue(flat.arr().get(0).isJsonObject());
    sim.account().listItemsNested(true); // older deployments
    SimHttp.Resp nested = c.get(items);
    assertEquals(1, nested.arr().size());
    assertTrue(nested.arr().get(0).isJsonArray());
    assertEquals(4, nested.arr().get(0).getAsJsonArray().size());
    assertEquals(
        "dmitry.sokolov@acme.example",
        nested.arr().get(0).getAsJsonArray().get(0).getAsJsonObject().get("value").getAsString());
  }

  @Test
  void listsAndTypeFilter() {
    SimHttp.Resp all = c.get(acct + "/gateway/lists");
    assertEquals(4, all.arr().size());
    SimHttp.Resp emails = c.get(acct + "/gateway/lists?type=EMAIL");
    assertEquals(2, emails.arr().size());
    JsonObject ips = c.get(acct + "/gateway/lists?type=IP").arr().get(0).getAsJsonObject();
    assertEquals(Seeds.DEMO_LIST_OFFICE_IPS, ips.get("id").getAsString());
    assertEquals(3, ips.get("count").getAsInt());
    assertEquals(400, c.get(acct + "/gateway/lists?type=PHONE").status());
    JsonObject one = c.get(acct + "/gateway/lists/" + Seeds.DEMO_LIST_PARTNER_EMAILS).obj();
    assertEquals("Partner contacts", one.get("name").getAsString());
    assertEquals(404, c.get(acct + "/gateway/lists/00000000-0000-4000-8000-000000000000").status());
  }
}
