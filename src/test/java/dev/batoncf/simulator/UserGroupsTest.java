package dev.batoncf.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IAM user-group and resource-group endpoints: paging, order, writes and errors. */
class UserGroupsTest {
  private CfSimulator sim;
  private SimHttp c;
  private String groups;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    c = SimHttp.demo(sim);
    groups = "/accounts/" + Seeds.DEMO_ACCOUNT_ID + "/iam/user_groups";
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void groupsPageByNameWithDefault100AndRefusePerPagePast500() {
    SimHttp.Resp all = c.get(groups);
    assertEquals(200, all.status());
    assertEquals(
        List.of(
            Seeds.DEMO_USER_GROUP_CONTRACTORS,
            Seeds.DEMO_USER_GROUP_ONCALL,
            Seeds.DEMO_USER_GROUP_OKTA_FINANCE,
            Seeds.DEMO_USER_GROUP_OKTA_SECURITY),
        all.ids());
    assertEquals(100, all.info().get("per_page").getAsInt());
    assertEquals(4, all.info().get("total_count").getAsInt());
    assertFalse(all.info().has("total_pages"));
    SimHttp.Resp p2 = c.get(groups + "?page=2&per_page=3");
    assertEquals(List.of(Seeds.DEMO_USER_GROUP_OKTA_SECURITY), p2.ids());
    assertEquals(
        List.of(Seeds.DEMO_USER_GROUP_OKTA_SECURITY, Seeds.DEMO_USER_GROUP_OKTA_FINANCE),
        c.get(groups + "?per_page=2&direction=desc").ids());
    assertEquals(
        List.of(Seeds.DEMO_USER_GROUP_OKTA_FINANCE), c.get(groups + "?fuzzyName=FIN").ids());
    SimHttp.Resp tooBig = c.get(groups + "?per_page=501");
    assertEquals(400, tooBig.status());
    assertEquals("Invalid request: per_page must be between 1 and 500", tooBig.errorMessage());
  }

  @Test
  void membersListTheAccountMemberIdsSortedByEmailAndPage() {
    String members = groups + "/" + Seeds.DEMO_USER_GROUP_OKTA_FINANCE + "/members";
    SimHttp.Resp r = c.get(members + "?per_page=2");
    assertEquals(2, r.arr().size());
    assertEquals(3, r.info().get("total_count").getAsInt());
    assertEquals(
        Seeds.DEMO_EMAIL_PENDING_NEW_HIRE,
        r.arr().get(0).getAsJsonObject().get("email").getAsString());
    assertEquals("pending", r.arr().get(0).getAsJsonObject().get("status").getAsString());
    assertEquals(1, c.get(members + "?page=2&per_page=2").arr().size());
    assertEquals(404, c.get(groups + "/0123456789abcdef0123456789abcdef/members").status());
  }

  @Test
  void addTakesABareArrayAndRemoveAnswers404WhenNotAMember() {
    String members = groups + "/" + Seeds.DEMO_USER_GROUP_ONCALL + "/members";
    String ana = sim.account().memberByEmail("ana.ruiz@acme.example").orElseThrow().id();
    assertEquals(400, c.send("POST", members, "{\"id\":\"" + ana + "\"}").status());
    assertEquals(
        400, c.send("POST", members, "[{\"id\":\"0123456789abcdef0123456789abcdef\"}]").status());
    SimHttp.Resp added = c.send("POST", members, "[{\"id\":\"" + ana + "\"}]");
    assertEquals(200, added.status());
    assertEquals(4, added.arr().size());
    assertEquals(200, c.get(members + "/" + ana).status());
    assertEquals(200, c.send("DELETE", members + "/" + ana, null).status());
    SimHttp.Resp gone = c.send("DELETE", members + "/" + ana, null);
    assertEquals(404, gone.status());
    assertEquals(1003, gone.errorCode());
  }

  @Test
  void resourceGroupsComeInOnePageWithoutResultInfoAndLeavingTheAccountLeavesGroups() {
    SimHttp.Resp rgs = c.get("/accounts/" + Seeds.DEMO_ACCOUNT_ID + "/iam/resource_groups");
    assertEquals(2, rgs.arr().size());
    assertFalse(rgs.json().has("result_info"));
    assertTrue(rgs.arr().get(0).getAsJsonObject().get("scope").isJsonObject());
    sim.account().removeMember(Seeds.DEMO_MEMBER_KEN);
    assertFalse(
        sim.account()
            .userGroups()
            .get(Seeds.DEMO_USER_GROUP_ONCALL)
            .orElseThrow()
            .memberIds()
            .contains(Seeds.DEMO_MEMBER_KEN));
  }
}
