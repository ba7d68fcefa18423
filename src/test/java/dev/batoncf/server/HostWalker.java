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
import java.util.function.Consumer;

/**
 * Walks a connector the way Baton's syncer does (baton-protocol.md §3.5): Validate, resource types,
 * resources per type, static entitlements per type, entitlements per resource, grants per resource
 * (honouring the skip annotations), following every page token, then Cleanup. It checks the paging
 * contract as it goes: a token never repeats, a page never repeats an item.
 */
final class HostWalker {
  private final Channel channel;
  private final String syncId;
  private final int pageSize;
  private final boolean cleanup;
  private final boolean keepRows;

  /**
   * Everything the walk collected (empty lists when rows are only counted), the row counts, and how
   * many RPCs and empty-but-continuing pages it took.
   */
  record Walk(
      List<ResourceType> types,
      List<Resource> resources,
      List<Entitlement> entitlements,
      List<Grant> grants,
      int rpcs,
      int emptyPagesWithToken,
      Map<String, Integer> pagesPerListing,
      Counts counts) {}

  /** Rows the walk received, kept or not. */
  record Counts(long resources, long entitlements, long grants) {}

  /**
   * @param cleanup end with Cleanup, as Baton does; it drops the sync's snapshot
   */
  HostWalker(Channel channel, String syncId, int pageSize, boolean cleanup) {
    this(channel, syncId, pageSize, cleanup, true);
  }

  /**
   * @param keepRows false to only count rows (a walk of a large account without holding it): then
   *     only the resources whose entitlements and grants are listed are kept, until used
   */
  HostWalker(Channel channel, String syncId, int pageSize, boolean cleanup, boolean keepRows) {
    this.channel = channel;
    this.syncId = syncId;
    this.pageSize = pageSize;
    this.cleanup = cleanup;
    this.keepRows = keepRows;
  }

  Walk walk() {
    Counter c = new Counter();
    var connector = ConnectorServiceGrpc.newBlockingStub(channel);
    String version =
        connector.validate(ConnectorServiceValidateRequest.getDefaultInstance()).getSdkVersion();
    assertFalse(version.isEmpty(), "Validate must report an SDK version");
    c.rpcs++;
    List<ResourceType> types =
        ResourceTypesServiceGrpc.newBlockingStub(channel)
            .listResourceTypes(
                ResourceTypesServiceListResourceTypesRequest.newBuilder()
                    .setActiveSyncId(syncId)
                    .build())
            .getListList();
    c.rpcs++;
    Map<String, ResourceType> byId = new LinkedHashMap<>();
    types.forEach(t -> byId.put(t.getId(), t));
    List<Resource> resources = new ArrayList<>();
    List<Resource> expand = new ArrayList<>();
    long resourceCount = 0;
    for (ResourceType t : types) {
      resourceCount +=
          resources(
              t,
              c,
              r -> {
                if (keepRows) {
                  resources.add(r);
                }
                if (!skipsAll(byId, r)) {
                  expand.add(r);
                }
              });
    }
    var ents = EntitlementsServiceGrpc.newBlockingStub(channel);
    for (ResourceType t : types) {
      assertEquals(
          0,
          ents.listStaticEntitlements(
                  EntitlementsServiceListStaticEntitlementsRequest.newBuilder()
                      .setResourceTypeId(t.getId())
                      .setActiveSyncId(syncId)
                      .build())
              .getListCount());
      c.rpcs++;
    }
    List<Entitlement> entitlements = new ArrayList<>();
    List<Grant> grants = new ArrayList<>();
    long entitlementCount = 0;
    long grantCount = 0;
    for (Resource r : expand) {
      List<Any> annotations = annotations(byId, r);
      if (!has(annotations, SkipEntitlements.class)) {
        List<Entitlement> e = entitlements(r, c);
        entitlementCount += e.size();
        if (keepRows) {
          entitlements.addAll(e);
        }
      }
      if (!has(annotations, SkipGrants.class)) {
        List<Grant> g = grants(r, c);
        grantCount += g.size();
        if (keepRows) {
          grants.addAll(g);
        }
      }
    }
    if (cleanup) {
      connector.cleanup(
          ConnectorServiceCleanupRequest.newBuilder().setActiveSyncId(syncId).build());
      c.rpcs++;
    }
    return new Walk(
        types,
        resources,
        entitlements,
        grants,
        c.rpcs,
        c.emptyWithToken,
        c.pages,
        new Counts(resourceCount, entitlementCount, grantCount));
  }

  private static List<Any> annotations(Map<String, ResourceType> types, Resource r) {
    List<Any> annotations =
        new ArrayList<>(types.get(r.getId().getResourceType()).getAnnotationsList());
    annotations.addAll(r.getAnnotationsList());
    return annotations;
  }

  private static boolean skipsAll(Map<String, ResourceType> types, Resource r) {
    List<Any> a = annotations(types, r);
    return has(a, SkipEntitlementsAndGrants.class)
        || (has(a, SkipEntitlements.class) && has(a, SkipGrants.class));
  }

  /** Hands every resource of a type to {@code out}; returns how many there were. */
  private long resources(ResourceType t, Counter c, Consumer<Resource> out) {
    var stub = ResourcesServiceGrpc.newBlockingStub(channel);
    long n = 0;
    String token = "";
    Set<String> tokens = new HashSet<>();
    do {
      ResourcesServiceListResourcesResponse r =
          stub.listResources(
              ResourcesServiceListResourcesRequest.newBuilder()
                  .setResourceTypeId(t.getId())
                  .setPageSize(pageSize)
                  .setPageToken(token)
                  .setActiveSyncId(syncId)
                  .build());
      c.page("resources/" + t.getId(), r.getListCount(), r.getNextPageToken());
      assertTrue(r.getListCount() <= pageSize, "page larger than page_size");
      token = next(token, r.getNextPageToken(), tokens);
      r.getListList().forEach(out);
      n += r.getListCount();
    } while (!token.isEmpty());
    return n;
  }

  private List<Entitlement> entitlements(Resource res, Counter c) {
    var stub = EntitlementsServiceGrpc.newBlockingStub(channel);
    List<Entitlement> out = new ArrayList<>();
    String token = "";
    Set<String> tokens = new HashSet<>();
    do {
      EntitlementsServiceListEntitlementsResponse r =
          stub.listEntitlements(
              EntitlementsServiceListEntitlementsRequest.newBuilder()
                  .setResource(res)
                  .setPageSize(pageSize)
                  .setPageToken(token)
                  .setActiveSyncId(syncId)
                  .build());
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
      GrantsServiceListGrantsResponse r =
          stub.listGrants(
              GrantsServiceListGrantsRequest.newBuilder()
                  .setResource(res)
                  .setPageSize(pageSize)
                  .setPageToken(token)
                  .setActiveSyncId(syncId)
                  .build());
      c.page("grants/" + res.getId().getResourceType(), r.getListCount(), r.getNextPageToken());
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
