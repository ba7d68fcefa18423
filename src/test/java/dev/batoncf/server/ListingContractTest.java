package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Capability;
import dev.batoncf.pb.connector.v2.ConnectorAccountCreationSchema;
import dev.batoncf.pb.connector.v2.ConnectorMetadata;
import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGetMetadataRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceGrpc;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsRequest;
import dev.batoncf.pb.connector.v2.GrantsServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsRequest;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsResponse;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGetResourceRequest;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypeCapability;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Paging and request validation of the list RPCs, metadata and Validate, over loopback. */
class ListingContractTest {
  static final String SYNC = "2pXbTqL0cVYmUWhHGxk3bFzJrNb";

  @TempDir Path dir;

  private ServerFixture f;
  private ResourcesServiceGrpc.ResourcesServiceBlockingStub resources;
  private GrantsServiceGrpc.GrantsServiceBlockingStub grants;
  private EntitlementsServiceGrpc.EntitlementsServiceBlockingStub entitlements;

  @BeforeEach
  void start() {
    f = ServerFixture.start(Seeds.demo(), ServerOptions.defaults());
    resources = ResourcesServiceGrpc.newBlockingStub(f.channel());
    grants = GrantsServiceGrpc.newBlockingStub(f.channel());
    entitlements = EntitlementsServiceGrpc.newBlockingStub(f.channel());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void metadataCarriesCapabilitiesAndTheAccountCreationSchema() {
    ConnectorMetadata m =
        ConnectorServiceGrpc.newBlockingStub(f.channel())
            .getMetadata(ConnectorServiceGetMetadataRequest.getDefaultInstance())
            .getMetadata();
    Map<String, List<Capability>> byType = new TreeMap<>();
    for (ResourceTypeCapability c : m.getCapabilities().getResourceTypeCapabilitiesList()) {
      byType.put(c.getResourceType().getId(), c.getCapabilitiesList());
    }
    Capability t = Capability.CAPABILITY_TARGETED_SYNC;
    assertEquals(
        List.of(Capability.CAPABILITY_PROVISION, Capability.CAPABILITY_SYNC, t),
        byType.get(ResourceTypes.ROLE_ID));
    assertEquals(
        List.of(Capability.CAPABILITY_PROVISION, Capability.CAPABILITY_SYNC, t),
        byType.get(ResourceTypes.GROUP_ID));
    assertEquals(
        List.of(
            Capability.CAPABILITY_SYNC,
            Capability.CAPABILITY_ACCOUNT_PROVISIONING,
            Capability.CAPABILITY_RESOURCE_DELETE,
            t),
        byType.get(ResourceTypes.USER_ID));
    assertEquals(
        List.of(Capability.CAPABILITY_SYNC, Capability.CAPABILITY_RESOURCE_DELETE, t),
        byType.get(ResourceTypes.INVITATION_ID));
    assertEquals(List.of(Capability.CAPABILITY_SYNC, t), byType.get(ResourceTypes.API_TOKEN_ID));
    assertEquals(List.of(Capability.CAPABILITY_SYNC, t), byType.get(ResourceTypes.ACCESS_USER_ID));
    assertTrue(
        m.getCapabilities()
            .getConnectorCapabilitiesList()
            .containsAll(List.of(t, Capability.CAPABILITY_SERVICE_MODE_TARGETED_SYNC)));
    assertEquals(List.of(Capability.CAPABILITY_SYNC, t), byType.get(ResourceTypes.ACCESS_APP_ID));
    assertEquals(7, byType.size());
    ConnectorAccountCreationSchema.Field roles =
        m.getAccountCreationSchema().getFieldMapOrThrow("roles");
    assertTrue(roles.getRequired());
    assertTrue(roles.hasStringListField());
    assertFalse(m.getAccountCreationSchema().getFieldMapOrThrow("first_name").getRequired());
    assertTrue(
        m.getCapabilities()
                .getCredentialDetails()
                .getCapabilityAccountProvisioning()
                .getSupportedCredentialOptionsCount()
            == 1);
    assertEquals(0, f.sim.requests().total(), "metadata costs no Cloudflare request");
  }

  @Test
  void validateChecksTheCredentialsWithOneRequestAndReportsAnSdkVersion() {
    String v =
        ConnectorServiceGrpc.newBlockingStub(f.channel())
            .validate(ConnectorServiceValidateRequest.getDefaultInstance())
            .getSdkVersion();
    assertEquals("v0.25.0", v);
    assertEquals(1, f.sim.requests().total());
    assertEquals(1, f.sim.requests().count("GET", Paths.ACCOUNT));
  }

  @Test
  void resourceTypesComeInOnePage() {
    var stub = ResourceTypesServiceGrpc.newBlockingStub(f.channel());
    var r =
        stub.listResourceTypes(ResourceTypesServiceListResourceTypesRequest.getDefaultInstance());
    assertEquals(
        List.of(
            "user",
            "invitation",
            "role",
            "api_token",
            "resource_group",
            "user_group",
            "access_user",
            "group",
            "access_app"),
        r.getListList().stream().map(t -> t.getId()).toList());
    assertEquals("", r.getNextPageToken());
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            stub.listResourceTypes(
                ResourceTypesServiceListResourceTypesRequest.newBuilder()
                    .setPageToken("x")
                    .build()));
  }

  @Test
  void pageSizeDefaultsTo100AndIsCappedAt250() {
    List<Integer> sizes = new ArrayList<>();
    String token = "";
    do {
      ResourcesServiceListResourcesResponse r = resources.listResources(listRoles(0, token));
      sizes.add(r.getListCount());
      token = r.getNextPageToken();
    } while (!token.isEmpty());
    // 61 roles (60 listed + the Super Administrator the list omits): never more than 100 a page.
    assertEquals(61, sizes.stream().mapToInt(Integer::intValue).sum());
    assertTrue(sizes.stream().allMatch(n -> n <= 100), sizes.toString());
    assertCode(Status.Code.INVALID_ARGUMENT, () -> resources.listResources(listRoles(251, "")));
    assertEquals(250, HostSync.pageSize(250));
  }

  @Test
  void pagesCrossUpstreamPageBoundariesWithoutGapsOrRepeats() {
    // Roles come in two Cloudflare pages (50 + 10) plus the synthetic Super Administrator:
    // pages of 7 straddle the boundary at 50.
    List<String> ids = new ArrayList<>();
    String token = "";
    int rpcs = 0;
    do {
      ResourcesServiceListResourcesResponse r = resources.listResources(listRoles(7, token));
      r.getListList().forEach(x -> ids.add(x.getId().getResource()));
      token = r.getNextPageToken();
      rpcs++;
    } while (!token.isEmpty());
    assertEquals(61, ids.size());
    assertEquals(61, ids.stream().distinct().count());
    assertTrue(ids.contains(Seeds.ROLE_SUPER_ADMIN));
    assertTrue(rpcs >= 9, "61 roles in pages of 7 take at least 9 calls, took " + rpcs);
    assertEquals(2, f.sim.requests().count("GET", Paths.ROLES));
  }

  @Test
  void badTokensAndUnknownTypesAreRefused() {
    ResourcesServiceListResourcesResponse first = resources.listResources(listRoles(5, ""));
    String roleToken = first.getNextPageToken();
    assertFalse(roleToken.isEmpty());
    String garbage =
        Base64.getUrlEncoder()
            .encodeToString(
                "{\"v\":1,\"l\":\"resources/role\",\"o\":-4,\"s\":0}"
                    .getBytes(StandardCharsets.UTF_8));
    for (String bad : List.of("not a token", "AAAA", garbage)) {
      assertCode(Status.Code.INVALID_ARGUMENT, () -> resources.listResources(listRoles(5, bad)));
    }
    // A token of the role listing is not a token of the user listing.
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            resources.listResources(
                ResourcesServiceListResourcesRequest.newBuilder()
                    .setResourceTypeId("user")
                    .setPageToken(roleToken)
                    .setActiveSyncId(SYNC)
                    .build()));
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            resources.listResources(
                ResourcesServiceListResourcesRequest.newBuilder()
                    .setResourceTypeId("zone")
                    .build()));
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            entitlements.listStaticEntitlements(
                EntitlementsServiceListStaticEntitlementsRequest.newBuilder()
                    .setResourceTypeId("zone")
                    .build()));
    Resource unknownType = Resource.newBuilder().setId(Ids.resourceId("zone", "z1")).build();
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            grants.listGrants(
                GrantsServiceListGrantsRequest.newBuilder().setResource(unknownType).build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> grants.listGrants(GrantsServiceListGrantsRequest.getDefaultInstance()));
  }

  @Test
  void staticEntitlementsAreAnsweredEmpty() {
    for (String type : List.of("user", "role", "group")) {
      assertEquals(
          0,
          entitlements
              .listStaticEntitlements(
                  EntitlementsServiceListStaticEntitlementsRequest.newBuilder()
                      .setResourceTypeId(type)
                      .build())
              .getListCount());
    }
  }

  @Test
  void grantsOfAnUnknownRoleAreNotFoundOnceTheSyncIsComplete() {
    Resource ghost =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.ROLE_ID, "0123456789abcdef0123456789abcdef"))
            .build();
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> {
              String token = "";
              do {
                token =
                    grants
                        .listGrants(
                            GrantsServiceListGrantsRequest.newBuilder()
                                .setResource(ghost)
                                .setPageToken(token)
                                .setActiveSyncId(SYNC)
                                .build())
                        .getNextPageToken();
              } while (!token.isEmpty());
            });
    assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
  }

  @Test
  void entitlementsNeverCostARequest() {
    Resource role =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.ROLE_ID, Seeds.ROLE_DNS))
            .setDisplayName("DNS")
            .build();
    var r =
        entitlements.listEntitlements(
            EntitlementsServiceListEntitlementsRequest.newBuilder()
                .setResource(role)
                .setActiveSyncId(SYNC)
                .build());
    assertEquals(
        List.of("role:" + Seeds.ROLE_DNS + ":member"),
        r.getListList().stream().map(e -> e.getId()).toList());
    assertEquals("DNS Member Role", r.getList(0).getDisplayName());
    assertEquals(0, f.sim.requests().total());
  }

  @Test
  void aWalkWithoutSyncIdStaysOnItsSnapshotAndCostsTheSame() {
    ServerFixture.CliSync cli = f.cliSync(dir);
    int cliRequests = f.sim.requests().total();
    f.sim.requests().reset();
    HostWalker.Walk walk = new HostWalker(f.channel(), "", 9, true).walk();
    HostWalkTest.assertSameRows(cli, walk);
    assertEquals(cliRequests, f.sim.requests().total());
    HostWalkTest.assertNoPageReadTwice(f.sim.requests());
  }

  @Test
  void cleanupDropsTheSyncSnapshotSoANewSyncReadsAfresh() {
    HostWalker.Walk walk = new HostWalker(f.channel(), SYNC, 50, false).walk();
    Resource admin =
        walk.resources().stream()
            .filter(r -> r.getId().getResource().equals(Seeds.ROLE_ADMINISTRATOR))
            .findFirst()
            .orElseThrow();
    int before = f.sim.requests().total();
    GrantsServiceListGrantsResponse served =
        grants.listGrants(
            GrantsServiceListGrantsRequest.newBuilder()
                .setResource(admin)
                .setActiveSyncId(SYNC)
                .build());
    assertTrue(served.getListCount() > 0);
    assertEquals(before, f.sim.requests().total(), "grants come from the snapshot");

    ConnectorServiceGrpc.newBlockingStub(f.channel())
        .cleanup(ConnectorServiceCleanupRequest.newBuilder().setActiveSyncId(SYNC).build());
    GrantsServiceListGrantsResponse fresh =
        grants.listGrants(
            GrantsServiceListGrantsRequest.newBuilder()
                .setResource(admin)
                .setActiveSyncId(SYNC)
                .build());
    assertEquals(0, fresh.getListCount(), "a new snapshot starts by reading the roles");
    assertFalse(fresh.getNextPageToken().isEmpty());
    assertEquals(before + 1, f.sim.requests().total(), "one upstream page per request");
  }

  @Test
  void getResourceAnswersFromTheSyncWithoutRequests() {
    HostWalker.Walk walk = new HostWalker(f.channel(), SYNC, 100, false).walk();
    Resource zoe =
        walk.resources().stream()
            .filter(r -> r.getId().getResource().equals(Seeds.DEMO_USER_ZOE))
            .findFirst()
            .orElseThrow();
    int before = f.sim.requests().total();
    var stub = ResourceGetterServiceGrpc.newBlockingStub(f.channel());
    assertEquals(
        zoe,
        stub.getResource(
                ResourceGetterServiceGetResourceRequest.newBuilder()
                    .setResourceId(zoe.getId())
                    .setActiveSyncId(SYNC)
                    .build())
            .getResource());
    // the walk read the whole account: a resource it lacks is not there
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            stub.getResource(
                ResourceGetterServiceGetResourceRequest.newBuilder()
                    .setActiveSyncId(SYNC)
                    .setResourceId(Ids.resourceId("user", "nobody"))
                    .build()));
    assertEquals(before, f.sim.requests().total());
  }

  @Test
  void getResourceOfATargetedSyncReadsOnlyUpToEachResourceAndEveryTypeIsFound() {
    String sync = "2pXbTqL0cVYmUWhHGxk3bFzJrNc";
    var stub = ResourceGetterServiceGrpc.newBlockingStub(f.channel());
    int start = f.sim.requests().total();
    HostWalker.Walk walk = new HostWalker(f.channel(), SYNC, 100, false).walk();
    int before = f.sim.requests().total();
    int walkCost = before - start;
    // the first role is on the first page of the first list: one request
    Resource role =
        walk.resources().stream()
            .filter(r -> r.getId().getResourceType().equals(ResourceTypes.ROLE_ID))
            .findFirst()
            .orElseThrow();
    assertEquals(
        role,
        stub.getResource(
                ResourceGetterServiceGetResourceRequest.newBuilder()
                    .setResourceId(role.getId())
                    .setActiveSyncId(sync)
                    .build())
            .getResource());
    assertEquals(before + 1, f.sim.requests().total());
    for (String type :
        List.of(
            ResourceTypes.USER_ID,
            ResourceTypes.INVITATION_ID,
            ResourceTypes.ROLE_ID,
            ResourceTypes.API_TOKEN_ID,
            ResourceTypes.ACCESS_USER_ID,
            ResourceTypes.GROUP_ID)) {
      Resource want =
          walk.resources().stream()
              .filter(r -> r.getId().getResourceType().equals(type))
              .reduce((a, b) -> b)
              .orElseThrow(() -> new AssertionError("the demo has a " + type));
      assertEquals(
          want,
          stub.getResource(
                  ResourceGetterServiceGetResourceRequest.newBuilder()
                      .setResourceId(want.getId())
                      .setActiveSyncId(sync)
                      .build())
              .getResource(),
          type);
    }
    int read = f.sim.requests().total() - before;
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            stub.getResource(
                ResourceGetterServiceGetResourceRequest.newBuilder()
                    .setActiveSyncId(sync)
                    .setResourceId(Ids.resourceId("group", "nobody"))
                    .build()));
    // the snapshot then serves the host's listings of the same sync: no page read twice
    HostWalker.Walk again = new HostWalker(f.channel(), sync, 100, false).walk();
    assertEquals(walk.resources().size(), again.resources().size());
    assertEquals(walk.grants().size(), again.grants().size());
    assertTrue(read < walkCost, read + " < " + walkCost);
    assertEquals(
        before + walkCost,
        f.sim.requests().total(),
        "the targeted reads and the walk of that sync cost one walk");
  }

  private static ResourcesServiceListResourcesRequest listRoles(int size, String token) {
    return ResourcesServiceListResourcesRequest.newBuilder()
        .setResourceTypeId("role")
        .setPageSize(size)
        .setPageToken(token)
        .setActiveSyncId(SYNC)
        .build();
  }

  static void assertCode(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
  }
}
