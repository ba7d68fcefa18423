package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT, POST and DELETE on members, with Cloudflare's quirks and error codes. */
class MemberWritesTest {
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

  private String member(String id) {
    return members + "/" + id;
  }

  @Test
  void putRoleObjectsReplacesRoles() {
    String body =
        "{\"roles\":[{\"id\":\""
            + Seeds.ROLE_DNS
            + "\"},{\"id\":\""
            + Seeds.ROLE_ANALYTICS
            + "\"}]}";
    SimHttp.Resp r = c.put(member(Seeds.DEMO_MEMBER_ZOE), body);
    assertEquals(200, r.status());
    assertEquals(List.of(Seeds.ROLE_DNS, Seeds.ROLE_ANALYTICS), r.ids("roles"));
    assertEquals(
        List.of(Seeds.ROLE_DNS, Seeds.ROLE_ANALYTICS),
        sim.account().member(Seeds.DEMO_MEMBER_ZOE).orElseThrow().roleIds());
    assertEquals(
        List.of(Seeds.ROLE_DNS, Seeds.ROLE_ANALYTICS),
        c.get(member(Seeds.DEMO_MEMBER_ZOE)).ids("roles"));
  }

  @Test
  void putHiddenSuperAdminRoleIsAccepted() {
    SimHttp.Resp r =
        c.put(
            member(Seeds.DEMO_MEMBER_ZOE),
            "{\"roles\":[{\"id\":\"" + Wire.SUPER_ADMIN_ROLE_ID + "\"}]}");
    assertEquals(200, r.status());
    assertEquals(List.of(Wire.SUPER_ADMIN_ROLE_ID), r.ids("roles"));
  }

  @Test
  void putRejectsStringsUnknownRolesAndEmptyLists() {
    String zoe = member(Seeds.DEMO_MEMBER_ZOE);
    assertValidation(c.put(zoe, "{\"roles\":[\"" + Seeds.ROLE_DNS + "\"]}"), "objects");
    assertValidation(
        c.put(zoe, "{\"roles\":[{\"id\":\"0000000000000000000000000000beef\"}]}"),
        "does not exist");
    assertValidation(c.put(zoe, "{\"roles\":[]}"), "must have at least one role or policy");
    assertValidation(c.put(zoe, "{}"), "must have at least one role or policy");
    assertValidation(
        c.put(zoe, "{\"roles\":[{\"id\":\"" + Seeds.ROLE_DNS + "\"}],\"policies\":[]}"),
        "not both");
    SimHttp.Resp bad = c.put(zoe, "{\"roles\":[");
    assertEquals(400, bad.status());
    assertEquals(Wire.CODE_MALFORMED_JSON, bad.errorCode());
    // nothing changed
    assertEquals(
        List.of(Seeds.ROLE_ADMINISTRATOR_READ_ONLY, Seeds.ROLE_BILLING),
        sim.account().member(Seeds.DEMO_MEMBER_ZOE).orElseThrow().roleIds());
  }

  @Test
  void rolesPutOnPolicyManagedMemberIsRefused() {
    SimHttp.Resp r =
        c.put(
            member(Seeds.DEMO_MEMBER_POLICY_KWAME),
            "{\"roles\":[{\"id\":\"" + Seeds.ROLE_DNS + "\"}]}");
    assertValidation(r, "managed by permission policies");
    assertTrue(
        sim.account().member(Seeds.DEMO_MEMBER_POLICY_KWAME).orElseThrow().managedByPolicies());
  }

  @Test
  void policiesPutReplacesPoliciesAndClearsRoles() {
    String body =
        "{\"policies\":[{\"access\":\"allow\",\"permission_groups\":[{\"id\":\""
            + Seeds.PERMISSION_GROUP_DNS
            + "\"}],\"resource_groups\":[{\"id\":\""
            + Seeds.RESOURCE_GROUP_ZONE
            + "\"}]}]}";
    SimHttp.Resp r = c.put(member(Seeds.DEMO_MEMBER_ZOE), body);
    assertEquals(200, r.status());
    assertEquals(0, r.obj().getAsJsonArray("roles").size());
    JsonObject p = r.obj().getAsJsonArray("policies").get(0).getAsJsonObject();
    assertEquals(
        "DNS",
        p.getAsJsonArray("permission_groups").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals(32, p.get("id").getAsString().length());
    assertValidation(
        c.put(
            member(Seeds.DEMO_MEMBER_ZOE),
            body.replace(Seeds.PERMISSION_GROUP_DNS, "ffffffffffffffffffffffffffffffff")),
        "permission group");
  }

  @Test
  void putUnknownMemberIs404() {
    SimHttp.Resp r =
        c.put(
            member("ffffffffffffffffffffffffffffffff"),
            "{\"roles\":[{\"id\":\"" + Seeds.ROLE_DNS + "\"}]}");
    assertEquals(404, r.status());
    assertEquals(Wire.CODE_NOT_FOUND, r.errorCode());
  }

  @Test
  void inviteCreatesPendingMemberWithoutUserId() {
    SimHttp.Resp r =
        c.post(
            members,
            "{\"email\":\"Nina.Neu@acme.example\",\"roles\":[\""
                + Seeds.ROLE_ANALYTICS
                + "\"],\"status\":\"pending\"}");
    assertEquals(200, r.status());
    JsonObject m = r.obj();
    assertEquals("pending", m.get("status").getAsString());
    assertEquals("Nina.Neu@acme.example", m.get("email").getAsString());
    assertFalse(m.getAsJsonObject("user").has("id"));
    assertEquals(List.of(Seeds.ROLE_ANALYTICS), r.ids("roles"));
    String id = m.get("id").getAsString();
    assertTrue(id.matches("[0-9a-f]{32}"));
    assertEquals(4, c.get(members + "?status=pending").info().get("total_count").getAsInt());
    assertEquals(26, sim.account().memberCount());
    assertEquals(id, c.get(members + "/" + id).obj().get("id").getAsString());
  }

  @Test
  void inviteErrors() {
    SimHttp.Resp accepted =
        c.post(
            members,
            "{\"email\":\"x@acme.example\",\"roles\":[\""
                + Seeds.ROLE_DNS
                + "\"],\"status\":\"accepted\"}");
    assertEquals(400, accepted.status());
    assertEquals(Wire.CODE_AUTO_VERIFY, accepted.errorCode());
    assertEquals(Wire.MSG_AUTO_VERIFY, accepted.errorMessage());

    SimHttp.Resp dup =
        c.post(
            members,
            "{\"email\":\"ZOE.ORSTED@acme.example\",\"roles\":[\"" + Seeds.ROLE_DNS + "\"]}");
    assertEquals(400, dup.status());
    assertEquals(Wire.CODE_MEMBER_EXISTS, dup.errorCode());

    assertValidation(c.post(members, "{\"email\":\"x@acme.example\"}"), "at least one role");
    assertValidation(
        c.post(members, "{\"email\":\"x@acme.example\",\"roles\":[]}"), "at least one role");
    assertValidation(
        c.post(
            members,
            "{\"email\":\"x@acme.example\",\"roles\":[{\"id\":\"" + Seeds.ROLE_DNS + "\"}]}"),
        "strings");
    assertValidation(
        c.post(
            members,
            "{\"email\":\"x@acme.example\",\"roles\":[\"0000000000000000000000000000beef\"]}"),
        "does not exist");
    assertValidation(c.post(members, "{\"roles\":[\"" + Seeds.ROLE_DNS + "\"]}"), "email");
    assertEquals(25, sim.account().memberCount());
  }

  @Test
  void deleteReturnsIdThen404() {
    String path = member(Seeds.DEMO_MEMBER_PENDING_CONTRACTOR);
    SimHttp.Resp r = c.delete(path);
    assertEquals(200, r.status());
    assertEquals(Seeds.DEMO_MEMBER_PENDING_CONTRACTOR, r.obj().get("id").getAsString());
    assertTrue(sim.account().member(Seeds.DEMO_MEMBER_PENDING_CONTRACTOR).isEmpty());
    assertEquals(404, c.get(path).status());
    SimHttp.Resp again = c.delete(path);
    assertEquals(404, again.status());
    assertEquals(Wire.CODE_NOT_FOUND, again.errorCode());
    assertEquals(24, c.get(members).info().get("total_count").getAsInt());
  }

  private static void assertValidation(SimHttp.Resp r, String messagePart) {
    assertEquals(400, r.status(), r.raw());
    assertFalse(r.success());
    assertEquals(Wire.CODE_VALIDATION, r.errorCode(), r.raw());
    assertTrue(r.errorMessage().contains(messagePart), r.errorMessage());
  }
}
