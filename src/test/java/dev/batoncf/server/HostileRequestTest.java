package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.connector.Ids;
import dev.batoncf.pb.connector.v2.AccountInfo;
import dev.batoncf.pb.connector.v2.AccountManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.CreateAccountRequest;
import dev.batoncf.pb.connector.v2.DeleteResourceV2Request;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.EntitlementsServiceGrpc;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsRequest;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrantRequest;
import dev.batoncf.pb.connector.v2.GrantManagerServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantManagerServiceRevokeRequest;
import dev.batoncf.pb.connector.v2.GrantsServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsRequest;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceDeleterServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGetResourceRequest;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.simulator.Seeds;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Oversized and malformed requests over loopback: each gets INVALID_ARGUMENT (a message above the
 * configured maximum: RESOURCE_EXHAUSTED, from gRPC itself) with a short description, before any
 * Cloudflare request, and the server keeps serving.
 */
class HostileRequestTest {
  static final String SYNC = "2pXbTqL0cVYmUWhHGxk3bFzJrHr";

  /** Longest description we accept back: hostile ids must not be echoed in full. */
  static final int MAX_DESCRIPTION = 1200;

  private ServerFixture f;
  private ManagedChannel ch;

  @BeforeEach
  void start() {
    f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults().withProvisioning(true));
    ch = f.channel();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void oversizedPageSizesAndTokensAreInvalidArguments() {
    var resources = ResourcesServiceGrpc.newBlockingStub(ch);
    for (int size : new int[] {251, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
      assertInvalid(() -> resources.listResources(users(size, "")));
    }
    String megabytes = "A".repeat(2 * 1024 * 1024); // within the 4 MiB message limit
    StatusRuntimeException e = assertInvalid(() -> resources.listResources(users(10, megabytes)));
    assertTrue(e.getStatus().getDescription().contains("too long"));
    assertInvalid(
        () ->
            GrantsServiceGrpc.newBlockingStub(ch)
                .listGrants(
                    GrantsServiceListGrantsRequest.newBuilder()
                        .setResource(role(Seeds.ROLE_DNS))
                        .setPageToken(megabytes)
                        .setActiveSyncId(SYNC)
                        .build()));
    assertEquals(0, f.sim.requests().total());
  }

  @Test
  void messagesAboveTheConfiguredMaximumAreRefusedByGrpc() {
    Struct huge =
        Struct.newBuilder()
            .putFields(
                "blob",
                Value.newBuilder()
                    .setStringValue("x".repeat(ServerOptions.DEFAULT_MAX_INBOUND_BYTES + 1))
                    .build())
            .build();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                GrantManagerServiceGrpc.newBlockingStub(ch)
                    .grant(
                        GrantManagerServiceGrantRequest.newBuilder()
                            .setEntitlement(ProvisioningTest.roleEntitlement(Seeds.ROLE_DNS))
                            .setPrincipal(
                                Resource.newBuilder()
                                    .setId(Ids.resourceId("user", Seeds.DEMO_USER_ZOE))
                                    .setProfile(huge))
                            .build()));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    assertEquals(0, f.sim.requests().total());
    assertServing();
  }

  @Test
  void malformedTokensAreInvalidArguments() {
    var resources = ResourcesServiceGrpc.newBlockingStub(ch);
    String valid = resources.listResources(users(5, "")).getNextPageToken();
    int before = f.sim.requests().total();
    String json =
        Base64.getUrlEncoder()
            .encodeToString(
                "{\"v\":2,\"p\":\"x\",\"l\":\"resources/user\",\"o\":3}"
                    .getBytes(StandardCharsets.UTF_8));
    for (String bad :
        List.of(
            "not a token",
            "....",
            json,
            json + ".AAAA",
            valid + "x",
            valid.replace('.', ','),
            "\u0000\u202e\u0007",
            "%00%ff")) {
      assertInvalid(() -> resources.listResources(users(5, bad)));
    }
    assertEquals(before, f.sim.requests().total());
  }

  @Test
  void emptyAndOverlongIdsAreInvalidArguments() {
    var resources = ResourcesServiceGrpc.newBlockingStub(ch);
    var grants = GrantsServiceGrpc.newBlockingStub(ch);
    var ents = EntitlementsServiceGrpc.newBlockingStub(ch);
    var getter = ResourceGetterServiceGrpc.newBlockingStub(ch);
    var manager = GrantManagerServiceGrpc.newBlockingStub(ch);
    String longId = "z".repeat(100_000);
    Resource noId =
        Resource.newBuilder().setId(ResourceId.newBuilder().setResourceType("role")).build();
    Resource longRole = role(longId);
    List<Executable> calls =
        List.of(
            () ->
                resources.listResources(ResourcesServiceListResourcesRequest.getDefaultInstance()),
            () ->
                resources.listResources(
                    users(10, "").toBuilder()
                        .setParentResourceId(ResourceId.getDefaultInstance())
                        .build()),
            () ->
                resources.listResources(
                    users(10, "").toBuilder().setResourceTypeId(longId).build()),
            () -> grants.listGrants(GrantsServiceListGrantsRequest.getDefaultInstance()),
            () ->
                grants.listGrants(
                    GrantsServiceListGrantsRequest.newBuilder().setResource(noId).build()),
            () ->
                grants.listGrants(
                    GrantsServiceListGrantsRequest.newBuilder()
                        .setResource(longRole)
                        .setActiveSyncId(SYNC)
                        .build()),
            () ->
                ents.listEntitlements(
                    EntitlementsServiceListEntitlementsRequest.newBuilder()
                        .setResource(noId)
                        .build()),
            () -> getter.getResource(ResourceGetterServiceGetResourceRequest.getDefaultInstance()),
            () ->
                getter.getResource(
                    ResourceGetterServiceGetResourceRequest.newBuilder()
                        .setResourceId(Ids.resourceId("user", longId))
                        .build()),
            () -> manager.grant(GrantManagerServiceGrantRequest.getDefaultInstance()),
            () ->
                manager.grant(
                    GrantManagerServiceGrantRequest.newBuilder()
                        .setEntitlement(Entitlement.newBuilder().setId(""))
                        .setPrincipal(Resource.newBuilder().setId(Ids.resourceId("user", "")))
                        .build()),
            () ->
                manager.grant(
                    GrantManagerServiceGrantRequest.newBuilder()
                        .setEntitlement(ProvisioningTest.roleEntitlement(longId))
                        .setPrincipal(ProvisioningTest.user(Seeds.DEMO_USER_ZOE, null))
                        .build()),
            () -> manager.revoke(GrantManagerServiceRevokeRequest.getDefaultInstance()),
            () ->
                manager.revoke(
                    GrantManagerServiceRevokeRequest.newBuilder()
                        .setGrant(Grant.newBuilder().setId(longId))
                        .build()),
            () ->
                ResourceDeleterServiceGrpc.newBlockingStub(ch)
                    .deleteResourceV2(DeleteResourceV2Request.getDefaultInstance()),
            () ->
                ResourceDeleterServiceGrpc.newBlockingStub(ch)
                    .deleteResourceV2(
                        DeleteResourceV2Request.newBuilder()
                            .setResourceId(Ids.resourceId("user", longId))
                            .build()),
            () ->
                AccountManagerServiceGrpc.newBlockingStub(ch)
                    .createAccount(CreateAccountRequest.getDefaultInstance()),
            () ->
                AccountManagerServiceGrpc.newBlockingStub(ch)
                    .createAccount(
                        CreateAccountRequest.newBuilder()
                            .setAccountInfo(
                                AccountInfo.newBuilder()
                                    .addEmails(
                                        AccountInfo.Email.newBuilder()
                                            .setAddress(longId + "@acme.example"))
                                    .setProfile(
                                        Struct.newBuilder()
                                            .putFields(
                                                "roles",
                                                Value.newBuilder()
                                                    .setStringValue(Seeds.ROLE_DNS)
                                                    .build())))
                            .build()));
    for (Executable call : calls) {
      assertInvalid(call);
    }
    assertEquals(0, f.sim.requests().total(), "refused before any Cloudflare request");
    assertServing();
  }

  @Test
  void errorDescriptionsNeverEchoLongIdsInFull() {
    String id = "q".repeat(RequestChecks.MAX_ID); // the longest id accepted
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                ResourceGetterServiceGrpc.newBlockingStub(ch)
                    .getResource(
                        ResourceGetterServiceGetResourceRequest.newBuilder()
                            .setResourceId(Ids.resourceId("user", id))
                            .build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    assertEquals(GrpcErrors.MAX_DESCRIPTION, e.getStatus().getDescription().length());
    assertTrue(e.getStatus().getDescription().endsWith("…"));
  }

  @Test
  void anUnknownResourceTypeIsNotFoundAsInBatonsConnectorBuilder() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                ResourcesServiceGrpc.newBlockingStub(ch)
                    .listResources(users(10, "").toBuilder().setResourceTypeId("zone").build()));
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  private void assertServing() {
    assertEquals(
        5,
        ResourcesServiceGrpc.newBlockingStub(ch)
            .listResources(
                ResourcesServiceListResourcesRequest.newBuilder()
                    .setResourceTypeId("role")
                    .setPageSize(5)
                    .setActiveSyncId(SYNC)
                    .build())
            .getListCount());
  }

  private static StatusRuntimeException assertInvalid(Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    String d = e.getStatus().getDescription();
    assertTrue(
        d != null && !d.isBlank() && d.length() < MAX_DESCRIPTION,
        "a short description: " + (d == null ? null : d.length()));
    return e;
  }

  private static ResourcesServiceListResourcesRequest users(int size, String token) {
    return ResourcesServiceListResourcesRequest.newBuilder()
        .setResourceTypeId("user")
        .setPageSize(size)
        .setPageToken(token)
        .setActiveSyncId(SYNC)
        .build();
  }

  private static Resource role(String id) {
    return Resource.newBuilder().setId(Ids.resourceId("role", id)).build();
  }
}
