package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ScimGroups;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantAlreadyExists;
import dev.batoncf.pb.connector.v2.GrantAlreadyRevoked;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantResponse;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeRequest;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimMember;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User-group and resource-group grants over a real gRPC server on loopback. */
class IamGrpcProvisioningTest {
  private ServerFixture f;
  private GrantManagerServiceGrpc.GrantManagerServiceBlockingStub grants;

  @BeforeEach
  void start() {
    f =
        ServerFixture.start(
            Seeds.demo(),
            ServerOptions.defaults().withProvisioning(true),
            new ConnectorOptions(true, ScimGroups.parse(Seeds.DEMO_SCIM_GROUPS)));
    grants = GrantManagerServiceGrpc.newBlockingStub(f.channel());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private Resource user(String email) {
    SimMember m = f.sim.account().memberByEmail(email).orElseThrow();
    return Resource.newBuilder().setId(Ids.resourceId("user", m.user().id())).build();
  }

  private static GrantManagerServiceGrantRequest grant(String entitlementId, Resource who) {
    return GrantManagerServiceGrantRequest.newBuilder()
        .setEntitlement(Entitlement.newBuilder().setId(entitlementId))
        .setPrincipal(who)
        .build();
  }

  private static GrantManagerServiceRevokeRequest revoke(String grantId) {
    return GrantManagerServiceRevokeRequest.newBuilder()
        .setGrant(Grant.newBuilder().setId(grantId))
        .build();
  }

  @Test
  void userGroupMembershipIsGrantedAndRevokedIdempotently() {
    String ent = "user_group:" + Seeds.DEMO_USER_GROUP_CONTRACTORS + ":member";
    Resource ana = user("ana.ruiz@acme.example");
    GrantManagerServiceGrantResponse first = grants.grant(grant(ent, ana));
    assertEquals(0, first.getAnnotationsCount());
    assertEquals(ent + ":user:" + ana.getId().getResource(), first.getGrants(0).getId());
    assertTrue(grants.grant(grant(ent, ana)).getAnnotations(0).is(GrantAlreadyExists.class));
    assertEquals(1, f.sim.requests().count("POST", Paths.USER_GROUP_MEMBERS));
    String id = first.getGrants(0).getId();
    assertEquals(0, grants.revoke(revoke(id)).getAnnotationsCount());
    assertTrue(grants.revoke(revoke(id)).getAnnotations(0).is(GrantAlreadyRevoked.class));
    assertFalse(
        f.sim
            .account()
            .userGroups()
            .get(Seeds.DEMO_USER_GROUP_CONTRACTORS)
            .orElseThrow()
            .memberIds()
            .contains(f.sim.account().memberByEmail("ana.ruiz@acme.example").orElseThrow().id()));
  }

  @Test
  void scimGroupsAndGroupGivenAccessAreFailedPreconditionNamingTheReason() {
    StatusRuntimeException scim =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                grants.revoke(
                    revoke(
                        "user_group:"
                            + Seeds.DEMO_USER_GROUP_OKTA_FINANCE
                            + ":member:user:"
                            + user("zoe.orsted@acme.example").getId().getResource())));
    assertEquals(
        Status.Code.FAILED_PRECONDITION, scim.getStatus().getCode(), scim.getStatus().toString());
    assertTrue(
        scim.getStatus()
            .getDescription()
            .startsWith(
                "refused: user group okta-finance "
                    + "is managed by the identity provider through SCIM"),
        scim.getStatus().getDescription());

    StatusRuntimeException viaGroup =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                grants.revoke(
                    revoke(
                        "resource_group:"
                            + Seeds.RESOURCE_GROUP_ZONE
                            + ":"
                            + Seeds.PERMISSION_GROUP_DNS
                            + ":user:"
                            + user("kwame.mensah@acme.example").getId().getResource())));
    assertEquals(
        Status.Code.FAILED_PRECONDITION,
        viaGroup.getStatus().getCode(),
        viaGroup.getStatus().toString());
    assertTrue(
        viaGroup.getStatus().getDescription().contains("user group eng-oncall"),
        viaGroup.getStatus().getDescription());
    assertEquals(
        0,
        f.sim.requests().count("PUT", Paths.MEMBER)
            + f.sim.requests().count("DELETE", Paths.USER_GROUP_MEMBER));
  }

  @Test
  void aResourceGroupPermissionIsGrantedByItsPermissionGroupSlug() {
    String ent =
        "resource_group:" + Seeds.RESOURCE_GROUP_ZONE + ":" + Seeds.PERMISSION_GROUP_ANALYTICS;
    Resource mei = user("meiling.lin@acme.example");
    GrantManagerServiceGrantResponse r = grants.grant(grant(ent, mei));
    assertEquals(ent + ":user:" + mei.getId().getResource(), r.getGrants(0).getId());
    assertEquals(1, f.sim.requests().count("PUT", Paths.MEMBER));
    assertEquals(
        3,
        f.sim.account().memberByEmail("meiling.lin@acme.example").orElseThrow().policies().size());
    assertTrue(grants.grant(grant(ent, mei)).getAnnotations(0).is(GrantAlreadyExists.class));
    StatusRuntimeException roles =
        assertThrows(
            StatusRuntimeException.class,
            () -> grants.grant(grant(ent, user("ana.ruiz@acme.example"))));
    assertEquals(
        Status.Code.FAILED_PRECONDITION, roles.getStatus().getCode(), roles.getStatus().toString());
    StatusRuntimeException badSlug =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                grants.grant(grant("user_group:" + Seeds.DEMO_USER_GROUP_ONCALL + ":owner", mei)));
    assertEquals(
        Status.Code.INVALID_ARGUMENT,
        badSlug.getStatus().getCode(),
        badSlug.getStatus().toString());
  }
}
