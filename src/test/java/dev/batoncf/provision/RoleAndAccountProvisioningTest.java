package dev.batoncf.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.support.SimSync;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleAndAccountProvisioningTest {
  static final String MEMBER = "/accounts/{account_id}/members/{member_id}";
  static final String MEMBERS = "/accounts/{account_id}/members";

  CfSimulator sim;
  CloudflareClient client;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
    client = SimSync.client(sim, SimSync.demoToken());
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private SimMember rolesMemberWith(int roles) {
    return sim.account().members().stream()
        .filter(
            m ->
                m.status().equals("accepted")
                    && m.user() != null
                    && !m.managedByPolicies()
                    && m.roleIds().size() == roles)
        .findFirst()
        .orElseThrow(() -> new AssertionError("seed has no member with " + roles));
  }

  private String unheldRole(SimMember m) {
    return sim.account().listedRoles().stream()
        .map(r -> r.id())
        .filter(id -> !m.roleIds().contains(id))
        .findFirst()
        .orElseThrow();
  }

  private List<RequestLog.Recorded> puts() {
    return sim.requests().matching("PUT", MEMBER);
  }

  @Test
  void grantPutsTheFullSetOnceAndASecondGrantWritesNothing() {
    SimMember m = rolesMemberWith(2);
    String role = unheldRole(m);
    RoleAssignments roles = new RoleAssignments(client);

    Change first = roles.grant(m.user().id(), m.id(), role, false);
    assertEquals(Outcome.CHANGED, first.outcome());
    assertEquals(2, first.before().size());
    assertEquals(3, first.after().size());
    assertEquals(1, puts().size());
    var body = JsonParser.parseString(puts().get(0).body()).getAsJsonObject();
    assertEquals(1, body.size(), "only roles are sent: " + body);
    var sent = body.getAsJsonArray("roles");
    assertEquals(3, sent.size());
    sent.forEach(e -> assertEquals(1, e.getAsJsonObject().size(), "objects with only an id"));
    assertEquals(
        java.util.Set.of(m.roleIds().get(0), m.roleIds().get(1), role),
        java.util.Set.copyOf(sim.account().member(m.id()).orElseThrow().roleIds()));

    Change second = roles.grant(m.user().id(), m.id(), role, false);
    assertEquals(Outcome.ALREADY_DONE, second.outcome());
    assertEquals(1, puts().size(), "no second PUT");
  }

  @Test
  void revokeRemovesOnlyThatRoleAndASecondRevokeWritesNothing() {
    SimMember m = rolesMemberWith(2);
    String keep = m.roleIds().get(0);
    String drop = m.roleIds().get(1);
    RoleAssignments roles = new RoleAssignments(client);
    assertEquals(Outcome.CHANGED, roles.revoke(m.user().id(), null, drop, false).outcome());
    assertEquals(List.of(keep), sim.account().member(m.id()).orElseThrow().roleIds());
    assertEquals(Outcome.ALREADY_DONE, roles.revoke(m.user().id(), m.id(), drop, false).outcome());
    assertEquals(1, puts().size());
  }

  @Test
  void withoutAMemberIdHintOneLookupFindsTheMembership() {
    SimMember m = rolesMemberWith(2);
    new RoleAssignments(client).grant(m.user().id(), null, unheldRole(m), false);
    assertEquals(1, sim.requests().count("GET", MEMBERS), "one page of the member list");
    assertEquals(0, sim.requests().count("GET", MEMBER), "the list entry is the current state");
    assertEquals(
        1,
        sim.requests().count("GET", dev.batoncf.simulator.Paths.ROLE),
        "the role is checked before the write");
    assertEquals(3, sim.requests().total(), "lookup + role check + PUT");
  }

  @Test
  void staleMemberIdHintFallsBackToTheLookup() {
    SimMember m = rolesMemberWith(2);
    Change c =
        new RoleAssignments(client)
            .grant(m.user().id(), "ffffffffffffffffffffffffffffffff", unheldRole(m), false);
    assertEquals(Outcome.CHANGED, c.outcome());
  }

  @Test
  void lastRoleRevokeIsRefusedAndNothingIsWritten() {
    SimMember m = rolesMemberWith(1);
    Change c = new RoleAssignments(client).revoke(m.user().id(), m.id(), m.roleIds().get(0), false);
    assertEquals(Outcome.REFUSED, c.outcome());
    assertTrue(c.message().contains("last role"), c.message());
    assertEquals(0, puts().size());
  }

  @Test
  void policyManagedMemberIsRefusedAndNothingIsWritten() {
    SimMember kwame = sim.account().member(Seeds.DEMO_MEMBER_POLICY_KWAME).orElseThrow();
    Change c =
        new RoleAssignments(client)
            .grant(kwame.user().id(), kwame.id(), Seeds.ROLE_ANALYTICS, false);
    assertEquals(Outcome.REFUSED, c.outcome());
    assertTrue(c.message().contains("permission policies"), c.message());
    assertEquals(0, puts().size());
  }

  @Test
  void unknownUserIsNotFound() {
    ProvisionException e =
        assertThrows(
            ProvisionException.class,
            () ->
                new RoleAssignments(client)
                    .grant("00000000000000000000000000000000", null, Seeds.ROLE_DNS, false));
    assertEquals(ProvisionException.Kind.NOT_FOUND, e.kind());
  }

  @Test
  void rateLimitDuringThePutIsWaitedOutAndTheGrantHappensExactlyOnce() {
    SimMember m = rolesMemberWith(2);
    String role = unheldRole(m);
    sim.faults().next(1).matching("PUT", "/members/").rateLimited(1);
    Change c = new RoleAssignments(client).grant(m.user().id(), m.id(), role, false);
    assertEquals(Outcome.CHANGED, c.outcome());
    assertEquals(2, puts().size(), "the 429 and the retry");
    assertEquals(429, puts().get(0).status());
    assertEquals(200, puts().get(1).status());
    assertEquals(
        1,
        sim.account().member(m.id()).orElseThrow().roleIds().stream().filter(role::equals).count());
  }

  @Test
  void dryRunReadsButNeverWrites() {
    SimMember m = rolesMemberWith(2);
    Change c = new RoleAssignments(client).grant(m.user().id(), m.id(), unheldRole(m), true);
    assertEquals(Outcome.CHANGED, c.outcome());
    assertTrue(c.dryRun());
    assertTrue(
        c.request()
            .startsWith(
                "PUT /accounts/"
                    + Seeds.DEMO_ACCOUNT_ID
                    + "/members/"
                    + m.id()
                    + " {\"roles\":[{\"id\":"),
        c.request());
    assertEquals(0, puts().size());
  }

  @Test
  void inviteSendsPendingWithRoleIdStringsAndNamesTheInvitation() {
    Change c =
        new Accounts(client)
            .invite("new.person@acme.example", List.of(Seeds.ROLE_DNS, "Analytics"), false);
    assertEquals(Outcome.CHANGED, c.outcome());
    List<RequestLog.Recorded> posts = sim.requests().matching("POST", MEMBERS);
    assertEquals(1, posts.size());
    var body = JsonParser.parseString(posts.get(0).body()).getAsJsonObject();
    assertEquals("pending", body.get("status").getAsString());
    assertEquals("new.person@acme.example", body.get("email").getAsString());
    assertEquals(
        List.of(Seeds.ROLE_DNS, Seeds.ROLE_ANALYTICS),
        body.getAsJsonArray("roles").asList().stream()
            .map(e -> e.getAsJsonPrimitive().getAsString())
            .toList());
    SimMember created = sim.account().memberByEmail("new.person@acme.example").orElseThrow();
    assertEquals("invitation:" + created.id(), c.resource());
    assertEquals("pending", created.status());
  }

  @Test
  void invitingAnExistingMemberIsAlreadyDoneNotAFailure() {
    SimMember m = rolesMemberWith(2);
    Change c = new Accounts(client).invite(m.email(), List.of(Seeds.ROLE_DNS), false);
    assertEquals(Outcome.ALREADY_DONE, c.outcome());
    assertEquals("user:" + m.user().id(), c.resource());
  }

  /** 1008 as evidence suggests, another code, or an API that would create a second invite. */
  @ParameterizedTest(name = "Cloudflare answers a second invite with code {0}")
  @ValueSource(ints = {1008, 1002, 0})
  void reInvitingAPendingAddressSendsNothingWhateverCloudflareWouldAnswer(int code) {
    sim.account().existingMemberInvite(code);
    int before = sim.account().memberCount();
    Change c =
        new Accounts(client)
            .invite(
                Seeds.DEMO_EMAIL_PENDING_NEW_HIRE.toUpperCase(java.util.Locale.ROOT),
                List.of(Seeds.ROLE_DNS),
                false);
    assertEquals(Outcome.ALREADY_DONE, c.outcome());
    assertEquals("already invited (pending)", c.message());
    assertEquals("invitation:" + Seeds.DEMO_MEMBER_PENDING_NEW_HIRE, c.resource());
    assertEquals(0, sim.requests().matching("POST", MEMBERS).size(), "looked up, not re-sent");
    assertEquals(before, sim.account().memberCount(), "no second invitation");
  }

  @Test
  void anInviteThatRacedAnotherIsAlreadyDoneWhateverTheErrorCode() {
    sim.account().existingMemberInvite(1002);
    String email = "racing.person@acme.example";
    // Between the lookup and the POST another invite for the same address lands.
    sim.faults()
        .hooks()
        .afterNext(
            "GET",
            "/members",
            () ->
                sim.account()
                    .putMember(
                        new SimMember(
                            "0123456789abcdef0123456789abcdef",
                            email,
                            "pending",
                            new SimMember.User(null, null, null, false),
                            List.of(Seeds.ROLE_DNS),
                            List.of())));
    Change c = new Accounts(client).invite(email, List.of(Seeds.ROLE_DNS), false);
    assertEquals(Outcome.ALREADY_DONE, c.outcome());
    assertEquals("invitation:0123456789abcdef0123456789abcdef", c.resource());
    assertEquals(1, sim.requests().matching("POST", MEMBERS).size());
    assertEquals(400, sim.requests().matching("POST", MEMBERS).get(0).status());
  }

  @Test
  void aRefusedInviteForAnUnknownAddressStillFails() {
    sim.faults().next(1).matching("POST", "/members").status(400, 1002, "Invalid request: nope");
    CloudflareException.BadRequest e =
        assertThrows(
            CloudflareException.BadRequest.class,
            () ->
                new Accounts(client)
                    .invite("someone.new@acme.example", List.of(Seeds.ROLE_DNS), false));
    assertTrue(e.hasCode(1002), e.getMessage());
  }

  @Test
  void aDryRunInviteOfAnExistingMemberSaysAlreadyDone() {
    Change c = new Accounts(client).invite(Seeds.DEMO_EMAIL, List.of(Seeds.ROLE_DNS), true);
    assertEquals(Outcome.ALREADY_DONE, c.outcome());
    assertEquals("user:" + Seeds.DEMO_USER_JOSE, c.resource());
    assertEquals(0, sim.requests().matching("POST", MEMBERS).size());
  }

  @Test
  void inviteNeedsAtLeastOneKnownRole() {
    ProvisionException none =
        assertThrows(
            ProvisionException.class,
            () -> new Accounts(client).invite("x@acme.example", List.of(), false));
    assertEquals(ProvisionException.Kind.INVALID_ARGUMENT, none.kind());
    ProvisionException unknown =
        assertThrows(
            ProvisionException.class,
            () -> new Accounts(client).invite("x@acme.example", List.of("No Such Role"), false));
    assertEquals(
        "unknown role 'No Such Role': use a role id or name from "
            + "`baton-cloudflare resources -t role`",
        unknown.getMessage());
    assertEquals(0, sim.requests().matching("POST", MEMBERS).size());
  }

  @Test
  void deletingAUserTwiceSucceedsBothTimesWithOneDelete() {
    SimMember m = rolesMemberWith(1);
    Accounts accounts = new Accounts(client);
    assertEquals(Outcome.CHANGED, accounts.deleteUser(m.user().id(), m.id(), false).outcome());
    assertEquals(Outcome.ALREADY_DONE, accounts.deleteUser(m.user().id(), m.id(), false).outcome());
    assertEquals(1, sim.requests().matching("DELETE", MEMBER).size());
    assertTrue(sim.account().member(m.id()).isEmpty());
  }

  @Test
  void deletingAnInvitationTwiceAndRefusingAnAcceptedMembership() {
    Accounts accounts = new Accounts(client);
    String invite = Seeds.DEMO_MEMBER_PENDING_NEW_HIRE;
    assertEquals(Outcome.CHANGED, accounts.deleteInvitation(invite, false).outcome());
    assertEquals(Outcome.ALREADY_DONE, accounts.deleteInvitation(invite, false).outcome());
    SimMember accepted = rolesMemberWith(2);
    Change refused = accounts.deleteInvitation(accepted.id(), false);
    assertEquals(Outcome.REFUSED, refused.outcome());
    assertEquals(1, sim.requests().matching("DELETE", MEMBER).size());
    assertNull(refused.request());
  }
}
