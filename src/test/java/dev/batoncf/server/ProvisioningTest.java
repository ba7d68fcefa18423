package dev.batoncf.server;

import static dev.batoncf.server.ListingContractTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.AccountInfo;
import dev.batoncf.pb.connector.v2.AccountManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.CreateAccountRequest;
import dev.batoncf.pb.connector.v2.CreateAccountResponse;
import dev.batoncf.pb.connector.v2.CredentialOptions;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Request;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Response;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantAlreadyExists;
import dev.batoncf.pb.connector.v2.GrantAlreadyRevoked;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantResponse;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeResponse;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceDeleterServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceDoesNotExist;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Grant, Revoke, CreateAccount and DeleteResourceV2 over loopback against the simulator. */
class ProvisioningTest {
  static final String RAFAEL_EMAIL = "rafael.costa@partner.example";

  private ServerFixture f;
  private GrantManagerServiceGrpc.GrantManagerServiceBlockingStub grants;
  private AccountManagerServiceGrpc.AccountManagerServiceBlockingStub accounts;
  private ResourceDeleterServiceGrpc.ResourceDeleterServiceBlockingStub deleter;

  @BeforeEach
  void start() {
    f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults().withProvisioning(true));
    grants = GrantManagerServiceGrpc.newBlockingStub(f.channel());
    accounts = AccountManagerServiceGrpc.newBlockingStub(f.channel());
    deleter = ResourceDeleterServiceGrpc.newBlockingStub(f.channel());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void roleGrantAndRevokeAreIdempotentWithBatonsAnnotations() {
    Entitlement dns = roleEntitlement(Seeds.ROLE_DNS);
    Resource zoe = user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE);

    GrantManagerServiceGrantResponse first = grants.grant(grantRequest(dns, zoe));
    assertEquals(0, first.getAnnotationsCount());
    assertEquals(1, first.getGrantsCount());
    assertEquals(
        "role:" + Seeds.ROLE_DNS + ":member:user:" + Seeds.DEMO_USER_ZOE,
        first.getGrants(0).getId());
    assertTrue(roles(Seeds.DEMO_MEMBER_ZOE).contains(Seeds.ROLE_DNS));
    // The profile's member id makes it one GET and one PUT, no member scan.
    assertEquals(1, f.sim.requests().count("GET", Paths.MEMBER));
    assertEquals(1, f.sim.requests().count("PUT", Paths.MEMBER));
    assertEquals(0, f.sim.requests().count("GET", Paths.MEMBERS));

    GrantManagerServiceGrantResponse again = grants.grant(grantRequest(dns, zoe));
    assertEquals(1, again.getAnnotationsCount());
    assertTrue(again.getAnnotations(0).is(GrantAlreadyExists.class));
    assertEquals(1, f.sim.requests().count("PUT", Paths.MEMBER), "nothing written twice");

    Grant g = first.getGrants(0);
    GrantManagerServiceRevokeResponse revoked = grants.revoke(revokeRequest(g));
    assertEquals(0, revoked.getAnnotationsCount());
    assertFalse(roles(Seeds.DEMO_MEMBER_ZOE).contains(Seeds.ROLE_DNS));
    // Revoking by id alone (no entitlement or principal) works as well.
    GrantManagerServiceRevokeResponse twice =
        grants.revoke(
            GrantManagerServiceRevokeRequest.newBuilder()
                .setGrant(Grant.newBuilder().setId(g.getId()))
                .build());
    assertEquals(1, twice.getAnnotationsCount());
    assertTrue(twice.getAnnotations(0).is(GrantAlreadyRevoked.class));
    assertEquals(
        List.of(Seeds.ROLE_ADMINISTRATOR_READ_ONLY, Seeds.ROLE_BILLING).stream().sorted().toList(),
        roles(Seeds.DEMO_MEMBER_ZOE).stream().sorted().toList());
  }

  @Test
  void groupMembershipGrantAndRevokeAreIdempotent() {
    Entitlement cycleA =
        Entitlement.newBuilder().setId("group:" + Seeds.DEMO_GROUP_CYCLE_A + ":member").build();
    Resource rafael =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.ACCESS_USER_ID, Seeds.DEMO_ACCESS_USER_RAFAEL))
            .setProfile(
                Struct.newBuilder()
                    .putFields("email", Value.newBuilder().setStringValue(RAFAEL_EMAIL).build()))
            .build();
    assertEquals(0, grants.grant(grantRequest(cycleA, rafael)).getAnnotationsCount());
    assertTrue(groupJson(Seeds.DEMO_GROUP_CYCLE_A).contains(RAFAEL_EMAIL));
    assertTrue(
        grants.grant(grantRequest(cycleA, rafael)).getAnnotations(0).is(GrantAlreadyExists.class));
    Grant g = Grant.newBuilder().setEntitlement(cycleA).setPrincipal(rafael).build();
    assertEquals(0, grants.revoke(revokeRequest(g)).getAnnotationsCount());
    assertFalse(groupJson(Seeds.DEMO_GROUP_CYCLE_A).contains(RAFAEL_EMAIL));
    assertTrue(grants.revoke(revokeRequest(g)).getAnnotations(0).is(GrantAlreadyRevoked.class));
  }

  @Test
  void revokingAMembershipAnotherRuleKeepsIsRefusedNamingTheRule() {
    for (String[] c :
        List.of(
            new String[] {
              Seeds.DEMO_GROUP_ENGINEERING,
              "ana.ruiz@acme.example",
              "'email_domain acme.example', not an email rule"
            },
            new String[] {
              Seeds.DEMO_GROUP_SRE,
              "dmitry.sokolov@acme.example",
              "'email_list " + Seeds.DEMO_LIST_SRE_EMAILS + "' as well as their email rule"
            })) {
      String id =
          f.sim.account().accessUsers().stream()
              .filter(u -> u.email().equals(c[1]))
              .findFirst()
              .orElseThrow()
              .id();
      Resource person =
          Resource.newBuilder()
              .setId(Ids.resourceId(ResourceTypes.ACCESS_USER_ID, id))
              .setProfile(
                  Struct.newBuilder()
                      .putFields("email", Value.newBuilder().setStringValue(c[1]).build()))
              .build();
      Grant g =
          Grant.newBuilder()
              .setEntitlement(Entitlement.newBuilder().setId("group:" + c[0] + ":member"))
              .setPrincipal(person)
              .build();
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> grants.revoke(revokeRequest(g)));
      assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
      assertEquals(
          "refused: "
              + c[1]
              + " is a member through the rule "
              + c[2]
              + "; removing them needs a change to that rule",
          e.getStatus().getDescription());
    }
    assertEquals(0, f.sim.requests().count("PUT", Paths.ACCESS_GROUP), "nothing written");
  }

  @Test
  void principalDetailsComeFromTheSyncSnapshotWhenTheHostSendsBareIds() {
    new HostWalker(f.channel(), "2pXbTqL0cVYmUWhHGxk3bFzJrNc", 100, false).walk();
    f.sim.requests().reset();
    Resource bareRafael =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.ACCESS_USER_ID, Seeds.DEMO_ACCESS_USER_RAFAEL))
            .build();
    grants.grant(
        grantRequest(
            Entitlement.newBuilder().setId("group:" + Seeds.DEMO_GROUP_CYCLE_A + ":member").build(),
            bareRafael));
    assertTrue(groupJson(Seeds.DEMO_GROUP_CYCLE_A).contains(RAFAEL_EMAIL));
    assertEquals(0, f.sim.requests().count("GET", Paths.ACCESS_USERS), "email from the snapshot");

    Resource bareZoe =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.USER_ID, Seeds.DEMO_USER_ZOE))
            .build();
    grants.grant(grantRequest(roleEntitlement(Seeds.ROLE_DNS), bareZoe));
    assertEquals(0, f.sim.requests().count("GET", Paths.MEMBERS), "member id from the snapshot");
    assertTrue(roles(Seeds.DEMO_MEMBER_ZOE).contains(Seeds.ROLE_DNS));
  }

  @Test
  void refusalsAndBadRequestsMapToGrpcCodes() {
    String kwame = f.sim.account().member(Seeds.DEMO_MEMBER_POLICY_KWAME).orElseThrow().user().id();
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> grants.grant(grantRequest(roleEntitlement(Seeds.ROLE_DNS), user(kwame, null))));
    assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
    assertTrue(
        refused.getStatus().getDescription().contains("polic"),
        refused.getStatus().getDescription());
    assertEquals(0, f.sim.requests().count("PUT", Paths.MEMBER));

    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            grants.grant(
                grantRequest(
                    Entitlement.newBuilder().setId("role:" + Seeds.ROLE_DNS + ":owner").build(),
                    user(Seeds.DEMO_USER_ZOE, null))));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            grants.grant(
                grantRequest(
                    roleEntitlement(Seeds.ROLE_DNS),
                    Resource.newBuilder()
                        .setId(
                            Ids.resourceId(
                                ResourceTypes.ACCESS_USER_ID, Seeds.DEMO_ACCESS_USER_RAFAEL))
                        .build())));
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            grants.grant(
                grantRequest(
                    roleEntitlement(Seeds.ROLE_DNS),
                    user("ffffffffffffffffffffffffffffffff", null))));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            grants.revoke(
                GrantManagerServiceRevokeRequest.newBuilder()
                    .setGrant(Grant.newBuilder().setId("nonsense"))
                    .build()));
    assertCode(
        Status.Code.UNIMPLEMENTED,
        () ->
            grants.grant(
                grantRequest(
                    Entitlement.newBuilder().setId("api_token:t1:member").build(),
                    user(Seeds.DEMO_USER_ZOE, null))));
  }

  @Test
  void createAccountInvitesAndAnswersAlreadyExistsTheSecondTime() {
    CreateAccountRequest req =
        CreateAccountRequest.newBuilder()
            .setAccountInfo(
                AccountInfo.newBuilder()
                    .addEmails(
                        AccountInfo.Email.newBuilder()
                            .setAddress("new.person@acme.example")
                            .setIsPrimary(true))
                    .setProfile(
                        Struct.newBuilder()
                            .putFields(
                                "roles",
                                Value.newBuilder()
                                    .setListValue(
                                        ListValue.newBuilder()
                                            .addValues(
                                                Value.newBuilder()
                                                    .setStringValue(Seeds.ROLE_ANALYTICS)))
                                    .build())))
            .setCredentialOptions(
                CredentialOptions.newBuilder()
                    .setNoPassword(CredentialOptions.NoPassword.getDefaultInstance()))
            .build();
    CreateAccountResponse created = accounts.createAccount(req);
    assertEquals(CreateAccountResponse.ResultCase.ACTION_REQUIRED, created.getResultCase());
    assertEquals(Provisioner.ACCEPT_INVITATION, created.getActionRequired().getMessage());
    Resource invitation = created.getActionRequired().getResource();
    assertEquals(ResourceTypes.INVITATION_ID, invitation.getId().getResourceType());
    var member = f.sim.account().memberByEmail("new.person@acme.example").orElseThrow();
    assertEquals(member.id(), invitation.getId().getResource());
    assertEquals("pending", member.status());
    assertEquals(List.of(Seeds.ROLE_ANALYTICS), member.roleIds());

    CreateAccountResponse again = accounts.createAccount(req);
    assertEquals(CreateAccountResponse.ResultCase.ALREADY_EXISTS, again.getResultCase());
    assertEquals(invitation.getId(), again.getAlreadyExists().getResource().getId());

    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            accounts.createAccount(
                req.toBuilder()
                    .setAccountInfo(req.getAccountInfo().toBuilder().clearProfile())
                    .build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            accounts.createAccount(
                req.toBuilder()
                    .setCredentialOptions(
                        CredentialOptions.newBuilder()
                            .setRandomPassword(
                                CredentialOptions.RandomPassword.newBuilder().setLength(16)))
                    .build()));
    assertCode(
        Status.Code.UNIMPLEMENTED,
        () -> accounts.createAccount(req.toBuilder().setResourceTypeId("role").build()));
  }

  @Test
  void deleteResourceRemovesInvitationsAndUsersIdempotently() {
    DeleteResourceV2Request invitation =
        DeleteResourceV2Request.newBuilder()
            .setResourceId(
                Ids.resourceId(ResourceTypes.INVITATION_ID, Seeds.DEMO_MEMBER_PENDING_CONTRACTOR))
            .build();
    assertEquals(0, deleter.deleteResourceV2(invitation).getAnnotationsCount());
    assertTrue(f.sim.account().member(Seeds.DEMO_MEMBER_PENDING_CONTRACTOR).isEmpty());
    DeleteResourceV2Response again = deleter.deleteResourceV2(invitation);
    assertTrue(again.getAnnotations(0).is(ResourceDoesNotExist.class));

    SimAccount account = f.sim.account();
    String priyaUser = account.member(Seeds.DEMO_MEMBER_PRIYA).orElseThrow().user().id();
    deleter.deleteResourceV2(
        DeleteResourceV2Request.newBuilder()
            .setResourceId(Ids.resourceId(ResourceTypes.USER_ID, priyaUser))
            .build());
    assertTrue(account.member(Seeds.DEMO_MEMBER_PRIYA).isEmpty());

    // A membership id of an accepted member is not an invitation: refused, nothing deleted.
    assertCode(
        Status.Code.FAILED_PRECONDITION,
        () ->
            deleter.deleteResourceV2(
                DeleteResourceV2Request.newBuilder()
                    .setResourceId(
                        Ids.resourceId(ResourceTypes.INVITATION_ID, Seeds.DEMO_MEMBER_ZOE))
                    .build()));
    assertTrue(account.member(Seeds.DEMO_MEMBER_ZOE).isPresent());
    assertCode(
        Status.Code.UNIMPLEMENTED,
        () ->
            deleter.deleteResourceV2(
                DeleteResourceV2Request.newBuilder()
                    .setResourceId(Ids.resourceId(ResourceTypes.ROLE_ID, Seeds.ROLE_DNS))
                    .build()));
  }

  @Test
  void withoutProvisioningEveryWriteIsRefusedBeforeAnyRequest() {
    try (ServerFixture readOnly = ServerFixture.start(Seeds.demo(), ServerOptions.defaults())) {
      var ch = readOnly.channel();
      var g = GrantManagerServiceGrpc.newBlockingStub(ch);
      Resource zoe = user(Seeds.DEMO_USER_ZOE, Seeds.DEMO_MEMBER_ZOE);
      List<org.junit.jupiter.api.function.Executable> writes =
          List.of(
              () -> g.grant(grantRequest(roleEntitlement(Seeds.ROLE_DNS), zoe)),
              () ->
                  g.revoke(
                      GrantManagerServiceRevokeRequest.newBuilder()
                          .setGrant(
                              Grant.newBuilder()
                                  .setId(
                                      "role:"
                                          + Seeds.ROLE_BILLING
                                          + ":member:user:"
                                          + Seeds.DEMO_USER_ZOE))
                          .build()),
              () ->
                  AccountManagerServiceGrpc.newBlockingStub(ch)
                      .createAccount(CreateAccountRequest.getDefaultInstance()),
              () ->
                  ResourceDeleterServiceGrpc.newBlockingStub(ch)
                      .deleteResourceV2(
                          DeleteResourceV2Request.newBuilder()
                              .setResourceId(
                                  Ids.resourceId(
                                      ResourceTypes.INVITATION_ID,
                                      Seeds.DEMO_MEMBER_PENDING_CONTRACTOR))
                              .build()));
      for (var write : writes) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, write);
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("provisioning is not enabled", e.getStatus().getDescription());
      }
      assertEquals(0, readOnly.sim.requests().total());
    }
  }

  private List<String> roles(String memberId) {
    return f.sim.account().member(memberId).orElseThrow().roleIds();
  }

  private String groupJson(String groupId) {
    return f.sim.account().group(groupId).orElseThrow().toString();
  }

  static Entitlement roleEntitlement(String roleId) {
    return Entitlement.newBuilder()
        .setResource(Resource.newBuilder().setId(Ids.resourceId(ResourceTypes.ROLE_ID, roleId)))
        .setId("role:" + roleId + ":member")
        .setSlug("member")
        .build();
  }

  static Resource user(String userId, String memberId) {
    Resource.Builder b = Resource.newBuilder().setId(Ids.resourceId(ResourceTypes.USER_ID, userId));
    if (memberId != null) {
      b.setProfile(
          Struct.newBuilder()
              .putFields("member_id", Value.newBuilder().setStringValue(memberId).build()));
    }
    return b.build();
  }

  static GrantManagerServiceGrantRequest grantRequest(Entitlement e, Resource principal) {
    return GrantManagerServiceGrantRequest.newBuilder()
        .setEntitlement(e)
        .setPrincipal(principal)
        .build();
  }

  static GrantManagerServiceRevokeRequest revokeRequest(Grant g) {
    return GrantManagerServiceRevokeRequest.newBuilder().setGrant(g).build();
  }
}
