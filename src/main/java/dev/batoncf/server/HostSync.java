package dev.batoncf.server;

import dev.batoncf.connector.GroupSyncer;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.connector.RoleSyncer;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListEntitlementsResponse;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsRequest;
import dev.batoncf.pb.connector.v2.EntitlementsServiceListStaticEntitlementsResponse;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsRequest;
import dev.batoncf.pb.connector.v2.GrantsServiceListGrantsResponse;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGetResourceRequest;
import dev.batoncf.pb.connector.v2.ResourceGetterServiceGetResourceResponse;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesRequest;
import dev.batoncf.pb.connector.v2.ResourceTypesServiceListResourceTypesResponse;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesRequest;
import dev.batoncf.pb.connector.v2.ResourcesServiceListResourcesResponse;
import io.grpc.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sync half of the server: what a host's walk (resource types, resources, entitlements,
 * grants) gets, page by page, from the per-sync {@link SyncSnapshot}s. Entitlements never cost
 * a request (they follow from the resource); resources and grants advance the host's snapshot at
 * most one upstream page per request, returning an empty page with a new token while a page
 * added nothing to the listing asked for.
 */
final class HostSync {
  static final int DEFAULT_PAGE_SIZE = 100;
  /** Baton's validation limit for page_size. */
  static final int MAX_PAGE_SIZE = 250;
  /** Only these types have grants (design.md §2); the others carry SkipEntitlementsAndGrants. */
  private static final Set<String> TYPES_WITH_GRANTS =
      Set.of(ResourceTypes.ROLE_ID, ResourceTypes.GROUP_ID);

  private final Map<String, ResourceType> types = new LinkedHashMap<>();
  private final SnapshotCache snapshots;

  HostSync(List<ResourceType> resourceTypes, SnapshotCache snapshots) {
    resourceTypes.forEach(t -> types.put(t.getId(), t));
    this.snapshots = snapshots;
  }

  ResourceTypesServiceListResourceTypesResponse listResourceTypes(
      ResourceTypesServiceListResourceTypesRequest req) {
    pageSize(req.getPageSize());
    if (!req.getPageToken().isEmpty()) {
      throw invalid("resource types come in one page; there is no next page");
    }
    return ResourceTypesServiceListResourceTypesResponse.newBuilder()
        .addAllList(types.values()).build();
  }

  ResourcesServiceListResourcesResponse listResources(ResourcesServiceListResourcesRequest req) {
    String type = requireType(req.getResourceTypeId());
    int size = pageSize(req.getPageSize());
    ResourcesServiceListResourcesResponse.Builder out =
        ResourcesServiceListResourcesResponse.newBuilder();
    if (req.hasParentResourceId()) {
      return out.build(); // no type here has children
    }
    Page<Resource> page = page("resources/" + type, req.getPageToken(), req.getActiveSyncId(),
        size, rows -> rows.resources(type));
    return out.addAllList(page.items()).setNextPageToken(page.next()).build();
  }

  /** Nothing here is static: every entitlement belongs to one role or group. */
  EntitlementsServiceListStaticEntitlementsResponse listStaticEntitlements(
      EntitlementsServiceListStaticEntitlementsRequest req) {
    requireType(req.getResourceTypeId());
    pageSize(req.getPageSize());
    return EntitlementsServiceListStaticEntitlementsResponse.getDefaultInstance();
  }

  /**
   * The resource's entitlements, without any Cloudflare request: as the host's snapshot derived
   * them when it has the resource (the host's copy may lack profile fields the description uses),
   * else from the resource as the host sent it.
   */
  EntitlementsServiceListEntitlementsResponse listEntitlements(
      EntitlementsServiceListEntitlementsRequest req) {
    Resource resource = requireResource(req.hasResource(), req.getResource());
    int size = pageSize(req.getPageSize());
    String listing = "entitlements/" + SnapshotRows.key(resource.getId());
    PageToken token = PageToken.decode(req.getPageToken(), listing);
    List<Entitlement> all = snapshots
        .find(req.getActiveSyncId(), token == null ? null : token.snapshot())
        .filter(s -> s.resource(resource.getId()).isPresent())
        .map(s -> s.peek(rows -> List.copyOf(rows.entitlements(resource.getId()))))
        .orElseGet(() -> derivedEntitlements(resource));
    long offset = token == null ? 0 : token.offset();
    int from = (int) Math.min(offset, all.size());
    int to = Math.min(all.size(), from + size);
    String next = to >= all.size() ? ""
        : new PageToken(listing, to, 0, token == null ? null : token.snapshot()).encode();
    return EntitlementsServiceListEntitlementsResponse.newBuilder()
        .addAllList(all.subList(from, to)).setNextPageToken(next).build();
  }

  private static List<Entitlement> derivedEntitlements(Resource r) {
    return switch (r.getId().getResourceType()) {
      case ResourceTypes.ROLE_ID -> List.of(RoleSyncer.entitlement(r));
      case ResourceTypes.GROUP_ID -> List.of(GroupSyncer.entitlement(r));
      default -> List.of();
    };
  }

  /**
   * Grants of a role or group, from the snapshot's single member / Access-user pass. While the
   * sync still has pages to read, each request reads one and may return nothing new.
   */
  GrantsServiceListGrantsResponse listGrants(GrantsServiceListGrantsRequest req) {
    Resource resource = requireResource(req.hasResource(), req.getResource());
    int size = pageSize(req.getPageSize());
    ResourceId id = resource.getId();
    String listing = "grants/" + SnapshotRows.key(id);
    if (!TYPES_WITH_GRANTS.contains(id.getResourceType())) {
      PageToken.decode(req.getPageToken(), listing);
      return GrantsServiceListGrantsResponse.getDefaultInstance();
    }
    Page<Grant> page = page(listing, req.getPageToken(), req.getActiveSyncId(), size,
        rows -> rows.grants(id));
    if (page.next().isEmpty() && page.items().isEmpty() && page.offset() == 0
        && page.snapshot().resource(id).isEmpty()) {
      throw Status.NOT_FOUND.withDescription(id.getResourceType() + " " + id.getResource()
          + " does not exist in this sync").asRuntimeException();
    }
    return GrantsServiceListGrantsResponse.newBuilder()
        .addAllList(page.items()).setNextPageToken(page.next()).build();
  }

  /**
   * A resource as a snapshot of this server has it (the host's sync, else the most recent one).
   * It costs no request; a resource no snapshot holds is NOT_FOUND.
   */
  ResourceGetterServiceGetResourceResponse getResource(
      ResourceGetterServiceGetResourceRequest req) {
    if (!req.hasResourceId() || req.getResourceId().getResource().isEmpty()) {
      throw invalid("resource_id is required");
    }
    ResourceId id = req.getResourceId();
    requireType(id.getResourceType());
    Optional<Resource> found = snapshots.find(req.getActiveSyncId(), null)
        .flatMap(s -> s.resource(id))
        .or(() -> snapshots.anyResource(id));
    Resource r = found.orElseThrow(() -> Status.NOT_FOUND.withDescription(
        id.getResourceType() + " " + id.getResource() + " is not in any sync this server holds; "
            + "list resources first").asRuntimeException());
    return ResourceGetterServiceGetResourceResponse.newBuilder().setResource(r).build();
  }

  /** One page of a snapshot listing, with the token for the next, or "" when the host has all. */
  private <T> Page<T> page(String listing, String requestToken, String activeSyncId, int size,
      Function<SnapshotRows, List<T>> items) {
    PageToken token = PageToken.decode(requestToken, listing);
    SyncSnapshot snapshot =
        snapshots.forRequest(activeSyncId, token == null ? null : token.snapshot());
    long offset = token == null ? 0 : token.offset();
    SyncSnapshot.Slice<T> slice = snapshot.page(items, offset, size);
    String anonymousKey = activeSyncId.isEmpty() ? snapshot.key() : null;
    String next = slice.complete() ? ""
        : new PageToken(listing, slice.nextOffset(), slice.steps(), anonymousKey).encode();
    if (!next.isEmpty() && next.equals(requestToken)) {
      // Baton treats a repeated token as a connector bug; this must never happen.
      throw new IllegalStateException("page token did not advance for " + listing);
    }
    return new Page<>(slice.items(), next, offset, snapshot);
  }

  private record Page<T>(List<T> items, String next, long offset, SyncSnapshot snapshot) {}

  private String requireType(String typeId) {
    if (typeId.isEmpty()) {
      throw invalid("resource_type_id is required");
    }
    if (!types.containsKey(typeId)) {
      throw Status.NOT_FOUND.withDescription("unknown resource type '" + typeId + "'")
          .asRuntimeException();
    }
    return typeId;
  }

  private Resource requireResource(boolean present, Resource r) {
    if (!present || !r.hasId() || r.getId().getResource().isEmpty()) {
      throw invalid("resource with an id is required");
    }
    requireType(r.getId().getResourceType());
    return r;
  }

  static int pageSize(int requested) {
    if (requested < 0 || requested > MAX_PAGE_SIZE) {
      throw invalid("page_size must be at most " + MAX_PAGE_SIZE);
    }
    return requested == 0 ? DEFAULT_PAGE_SIZE : requested;
  }

  private static RuntimeException invalid(String why) {
    return Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException();
  }
}
