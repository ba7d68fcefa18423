package dev.batoncf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import dev.batoncf.pb.connector.v2.ConnectorServiceCleanupRequest;
import dev.batoncf.pb.connector.v2.ConnectorServiceGrpc;
import dev.batoncf.pb.connector.v2.ConnectorServiceValidateRequest;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.EntitlementsServiceGrpc;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsResponse;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsRequest;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantsServiceGrpc;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsRequest;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsResponse;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceGrpc;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import dev.batoncf.pb.connector.v2.SkipEntitlements;
import dev.batoncf.pb.connector.v2.SkipEntitlementsAndGrants;
import dev.batoncf.pb.connector.v2.SkipGrants;
import io.grpc.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a connector the way Baton's syncer does (baton-protocol.md §3.5): Validate, resource
 * types, resources per type, static entitlements per type, entitlements per resource, grants per
 * resource (honouring the skip annotations), following every page token, then Cleanup. It
 * checks the paging contract as it goes: a token never repeats, a page never repeats an item.
 */
final class HostWalker {
  private final Channel channel;
  private final String syncId;
  private final int pageSize;
  private final boolean cleanup;

  /** Everything the walk collected, and how many RPCs and empty-but-continuing pages it took. */
  record Walk(List<ResourceType> types, List<Resource> resources, List<Entitlement> entitlements,
              List<Grant> grants, int rpcs, int emptyPagesWithToken,
              Map<String, Integer> pagesPerListing) {}

  /** @param cleanup end with Cleanup, as Baton does; it drops the sync's snapshot */
  HostWalker(Channel channel, String syncId, int pageSize, boolean cleanup) {
    this.channel = channel;
    this.syncId = syncId;
    this.pageSize = pageSize;
    this.cleanup = cleanup;
  }

  Walk walk() {
    Counter c = new Counter();
    var connector = ConnectorServiceGrpc.newBlockingStub(channel);
    String version = connector.validate(ConnectorServiceValidateRequest.getDefaultInstance())
        .getSdkVersion();
    assertFalse(version.isEmpty(), "Validate must report an SDK version");
    c.rpcs++;
    List<ResourceType> types = ResourceTypesServiceGrpc.newBlockingStub(channel)
        .listResourceTypes(ResourceTypesServiceListResourceTypesRequest.newBuilder()
            .setActiveSyncId(syncId).build()).getListList();
    c.rpcs++;
    List<Resource> resources = new ArrayList<>();
    for (ResourceType t : types) {
      resources.addAll(resources(t, c));
    }
    var ents = EntitlementsServiceGrpc.newBlockingStub(channel);
    for (ResourceType t : types) {
      assertEquals(0, ents.listStaticEntitlements(EntitlementsServiceListStaticEntitlementsRequest
          .newBuilder().setResourceTypeId(t.getId()).setActiveSyncId(syncId).build())
          .getListCount());
      c.rpcs++;
    }
    Map<String, ResourceType> byId = new LinkedHashMap<>();
    types.forEach(t -> byId.put(t.getId(), t));
    List<Entitlement> entitlements = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    for (Resource r : resources) {
      List<Any> annotations = new ArrayList<>(byId.get(r.getId().getResourceType())
          .getAnnotationsList());
      annotations.addAll(r.getAnnotationsList());
      boolean skipAll = has(annotations, SkipEntitlementsAndGrants.class);
      if (!skipAll && !has(annotations, SkipEntitlements.class)) {
        entitlements.addAll(entitlements(r, c));
      }
      if (!skipAll && !has(annotations, SkipGrants.class)) {
        grants.addAll(grants(r, c));
      }
    }
    if (cleanup) {
      connector.cleanup(ConnectorServiceCleanupRequest.newBuilder().setActiveSyncId(syncId)
          .build());
      c.rpcs++;
    }
    return new Walk(types, resources, entitlements, grants, c.rpcs, c.emptyWithToken,
        c.pages);
  }

  private List<Resource> resources(ResourceType t, Counter c) {
    var stub = ResourcesServiceGrpc.newBlockingStub(channel);
    List<Resource> out = new ArrayList<>();
    String token = "";
    Set<String> tokens = new HashSet<>();
    do {
      ResourcesServiceListResourcesResponse r = stub.listResources(
          ResourcesServiceListResourcesRequest.newBuilder().setResourceTypeId(t.getId())
              .setPageSize(pageSize).setPageToken(token).setActiveSyncId(syncId).build());
      c.page("resources/" + t.getId(), r.getListCount(), r.getNextPageToken());
      assertTrue(r.getListCount() <= pageSize, "page larger than page_size");
      token = next(token, r.getNextPageToken(), tokens);
      out.addAll(r.getListList());
    } while (!token.isEmpty());
    return out;
  }

  private List<Entitlement> entitlements(Resource res, Counter c) {
    var stub = EntitlementsServiceGrpc.newBlockingStub(channel);
    List<Entitlement> out = new ArrayList<>();
    String token = "";
    Set<String> tokens = new HashSet<>();
    do {
      EntitlementsServiceListEntitlementsResponse r = stub.listEntitlements(
          EntitlementsServiceListEntitlementsRequest.newBuilder().setResource(res)
              .setPageSize(pageSize).setPageToken(token).setActiveSyncId(syncId).build());
      c.page("entitlements", r.getListCount(), r.getNextPageToken());
      token = next(token, r.getNextPageToken(), tokens);
      out.addAll(r.getListList());
    } while (!token.isEmpty());
    return out;
  }

  private List<Grant> grants(Resource res, Counter c) {
    var stub = GrantsServiceGrpc.newBlockingStub(channel);
    List<Grant> out = new ArrayList<>();
    String token = "";
    Set<String> tokens = new HashSet<>();
    do {
      GrantsServiceListGrantsResponse r = stub.listGrants(GrantsServiceListGrantsRequest
          .newBuilder().setResource(res).setPageSize(pageSize).setPageToken(token)
          .setActiveSyncId(syncId).build());
      c.page("grants/" + res.getId().getResourceType(), r.getListCount(),
          r.getNextPageToken());
      assertTrue(r.getListCount() <= pageSize, "page larger than page_size");
      token = next(token, r.getNextPageToken(), tokens);
      out.addAll(r.getListList());
    } while (!token.isEmpty());
    return out;
  }

  /** Baton fails a sync whose connector returns the token it was given. */
  private static String next(String request, String next, Set<String> seen) {
    if (!next.isEmpty()) {
      assertNotEquals(request, next, "next_page_token equals the request's token");
      assertTrue(seen.add(next), "a page token came back twice in one listing");
    }
    return next;
  }

  private static boolean has(List<Any> annotations, Class<? extends Message> t) {
    return annotations.stream().anyMatch(a -> a.is(t));
  }

  private static final class Counter {
    int rpcs;
    int emptyWithToken;
    final Map<String, Integer> pages = new LinkedHashMap<>();

    void page(String listing, int items, String next) {
      rpcs++;
      pages.merge(listing, 1, Integer::sum);
      if (items == 0 && !next.isEmpty()) {
        emptyWithToken++;
      }
    }
  }
}
