package dev.batoncf.server;

import dev.batoncf.connector.AccessAppSyncer;
import dev.batoncf.connector.GroupSyncer;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.connector.RoleSyncer;
import dev.batoncf.connector.UserGroupSyncer;
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

/**
 * The sync half of the server: what a host's walk (resource types, resources, entitlements, grants)
 * gets, page by page, from the per-sync {@link SyncSnapshot}s. Entitlements never cost a request
 * (they follow from the resource); resources and grants advance the host's snapshot at most one
 * upstream page per request, returning an empty page with a new token while a page added nothing to
 * the listing asked for.
 */
final class HostSync {
  static final int DEFAULT_PAGE_SIZE = 100;

  /** Baton's validation limit for page_size. */
  static final int MAX_PAGE_SIZE = 250;

  /** GetResource stops reading when less than this is left of the call's deadline. */
  static final long GET_RESOURCE_MARGIN_MS = 2_000;

  /** Only these types have grants (design.md §2); the others carry SkipEntitlementsAndGrants. */
  private static final Set<String> TYPES_WITH_GRANTS =
      Set.of(
          ResourceTypes.ROLE_ID,
          ResourceTypes.GROUP_ID,
          ResourceTypes.RESOURCE_GROUP_ID,
          ResourceTypes.USER_GROUP_ID,
          ResourceTypes.ACCESS_APP_ID);

  private final Map<String, ResourceType> types = new LinkedHashMap<>();
  private final SnapshotCache snapshots;
  private final PageTokens tokens;

  HostSync(List<ResourceType> resourceTypes, SnapshotCache snapshots, PageTokens tokens) {
    resourceTypes.forEach(t -> types.put(t.getId(), t));
    this.snapshots = snapshots;
    this.tokens = tokens;
  }

  ResourceTypesServiceListResourceTypesResponse listResourceTypes(
      ResourceTypesServiceListResourceTypesRequest req) {
    pageSize(req.getPageSize());
    if (!req.getPageToken().isEmpty()) {
      throw invalid("resource types come in one page; there is no next page");
    }
    return ResourceTypesServiceListResourceTypesResponse.newBuilder()
        .addAllList(types.values())
        .build();
  }

  ResourcesServiceListResourcesResponse listResources(ResourcesServiceListResourcesRequest req) {
    String type = requireType(req.getResourceTypeId());
    int size = pageSize(req.getPageSize());
    Page<Resource> page;
    if (req.hasParentResourceId()) {
      ResourceId parent = req.getParentResourceId();
      RequestChecks.typeId("parent_resource_id.resource_type", parent.getResourceType());
      RequestChecks.id("parent_resource_id.resource", parent.getResource());
      page =
          page(
              "resources/" + type + "@" + SnapshotStore.key(parent),
              req.getPageToken(),
              req.getActiveSyncId(),
              size,
              null,
              (store, after, limit) -> store.children(parent, type, after, limit));
    } else {
      page =
          page(
              "resources/" + type,
              req.getPageToken(),
              req.getActiveSyncId(),
              size,
              null,
              (store, after, limit) -> store.resources(type, after, limit));
    }
    return ResourcesServiceListResourcesResponse.newBuilder()
        .addAllList(page.items())
        .setNextPageToken(page.next())
        .build();
  }

  /** Nothing here is static: every entitlement belongs to one role, group or resource group. */
  EntitlementsServiceListStaticEntitlementsResponse listStaticEntitlements(
      EntitlementsServiceListStaticEntitlementsRequest req) {
    requireType(req.getResourceTypeId());
    pageSize(req.getPageSize());
    return EntitlementsServiceListStaticEntitlementsResponse.getDefaultInstance();
  }

  /**
   * The resource's entitlements, without any Cloudflare request: as the host's snapshot derived
   * them when it has the resource (the host's copy may lack profile fields the description uses),
   * else from the resource as the host sent it. They are few, so they page by offset.
   */
  EntitlementsServiceListEntitlementsResponse listEntitlements(
      EntitlementsServiceListEntitlementsRequest req) {
    Resource resource = requireResource(req.hasResource(), req.getResource());
    int size = pageSize(req.getPageSize());
    String listing = "entitlements/" + SnapshotStore.key(resource.getId());
    PageToken token = tokens.decode(req.getPageToken(), listing);
    List<Entitlement> all = null;
    String key = null;
    long generation = 0;
    if (token != null) {
      requireSameSync(token, req.getActiveSyncId());
    }
    Optional<SnapshotCache.Lease> lease =
        token == null
            ? snapshots.find(req.getActiveSyncId())
            : token.generation() == 0 ? Optional.empty() : Optional.of(snapshots.forToken(token));
    if (lease.isPresent()) {
      try (SnapshotCache.Lease l = lease.get()) {
        SyncSnapshot s = l.snapshot();
        if (token != null || s.resource(resource.getId()).isPresent()) {
          all = s.entitlements(resource.getId());
          key = s.key();
          generation = s.generation();
        }
      }
    }
    if (all == null) {
      all = derivedEntitlements(resource);
    }
    long offset = token == null ? 0 : token.cursor();
    int from = (int) Math.min(offset, all.size());
    int to = Math.min(all.size(), from + size);
    String next =
        to >= all.size() ? "" : tokens.encode(new PageToken(listing, to, 0, key, generation));
    return EntitlementsServiceListEntitlementsResponse.newBuilder()
        .addAllList(all.subList(from, to))
        .setNextPageToken(next)
        .build();
  }

  private static List<Entitlement> derivedEntitlements(Resource r) {
    return switch (r.getId().getResourceType()) {
      case ResourceTypes.ROLE_ID -> List.of(RoleSyncer.entitlement(r));
      case ResourceTypes.GROUP_ID -> List.of(GroupSyncer.entitlement(r));
      case ResourceTypes.ACCESS_APP_ID -> List.of(AccessAppSyncer.entitlement(r));
      case ResourceTypes.USER_GROUP_ID -> List.of(UserGroupSyncer.entitlement(r));
      // a resource group's entitlements follow from the policies, which only a snapshot has
      default -> List.of();
    };
  }

  /**
   * Grants of a role or group, from the snapshot's single member / Access-user pass. While the sync
   * still has pages to read, each request reads one and may return nothing new.
   */
  GrantsServiceListGrantsResponse listGrants(GrantsServiceListGrantsRequest req) {
    Resource resource = requireResource(req.hasResource(), req.getResource());
    int size = pageSize(req.getPageSize());
    ResourceId id = resource.getId();
    String listing = "grants/" + SnapshotStore.key(id);
    if (!TYPES_WITH_GRANTS.contains(id.getResourceType())) {
      tokens.decode(req.getPageToken(), listing);
      return GrantsServiceListGrantsResponse.getDefaultInstance();
    }
    Page<Grant> page =
        page(
            listing,
            req.getPageToken(),
            req.getActiveSyncId(),
            size,
            id,
            (store, after, limit) -> store.grants(id, after, limit));
    return GrantsServiceListGrantsResponse.newBuilder()
        .addAllList(page.items())
        .setNextPageToken(page.next())
        .build();
  }

  /**
   * A resource as the host's sync sees it: from what its snapshot has read, else reading on until
   * the snapshot has it or has read the whole account (a targeted sync asks before listing). Pages
   * read stay in the snapshot for the rest of that sync. When the call's deadline is close first,
   * the answer is UNAVAILABLE, which Baton's syncer retries, and the retry goes on from there; a
   * resource the whole account lacks is NOT_FOUND.
   */
  ResourceGetterServiceGetResourceResponse getResource(
      ResourceGetterServiceGetResourceRequest req) {
    ResourceId id = req.getResourceId();
    RequestChecks.id("resource_id.resource", id.getResource());
    requireType(id.getResourceType());
    io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
    SyncSnapshot.Found found;
    try (SnapshotCache.Lease l = snapshots.forRequest(req.getActiveSyncId())) {
      found =
          l.snapshot()
              .find(
                  id,
                  () ->
                      deadline == null
                          || deadline.timeRemaining(java.util.concurrent.TimeUnit.MILLISECONDS)
                              > GET_RESOURCE_MARGIN_MS);
    }
    if (found.resource().isPresent()) {
      return ResourceGetterServiceGetResourceResponse.newBuilder()
          .setResource(found.resource().get())
          .build();
    }
    if (!found.complete()) {
      throw Status.UNAVAILABLE
          .withDescription(
              "still reading the account for "
                  + id.getResourceType()
                  + " "
                  + id.getResource()
                  + "; retry (pages read are kept)")
          .asRuntimeException();
    }
    throw Status.NOT_FOUND
        .withDescription(id.getResourceType() + " " + id.getResource() + " is not in the account")
        .asRuntimeException();
  }

  /**
   * One page of a snapshot listing, with the token for the next, or "" when the host has all.
   *
   * @param mustExist when not null, a listing that ends empty on its first page is NOT_FOUND unless
   *     the snapshot holds this resource
   */
  private <T> Page<T> page(
      String listing,
      String requestToken,
      String activeSyncId,
      int size,
      ResourceId mustExist,
      SyncSnapshot.Query<T> query) {
    PageToken token = tokens.decode(requestToken, listing);
    if (token != null) {
      requireSameSync(token, activeSyncId);
    }
    try (SnapshotCache.Lease lease =
        token == null ? snapshots.forRequest(activeSyncId) : snapshots.forToken(token)) {
      SyncSnapshot snapshot = lease.snapshot();
      long after = token == null ? 0 : token.cursor();
      SyncSnapshot.Slice<T> slice = snapshot.page(query, after, size);
      String next =
          slice.complete()
              ? ""
              : tokens.encode(
                  new PageToken(
                      listing, slice.next(), slice.steps(), snapshot.key(), snapshot.generation()));
      if (!next.isEmpty() && next.equals(requestToken)) {
        // Baton treats a repeated token as a connector bug; this must never happen.
        throw new IllegalStateException("page token did not advance for " + listing);
      }
      if (mustExist != null
          && next.isEmpty()
          && slice.items().isEmpty()
          && after == 0
          && snapshot.resource(mustExist).isEmpty()) {
        throw Status.NOT_FOUND
            .withDescription(
                mustExist.getResourceType()
                    + " "
                    + mustExist.getResource()
                    + " does not exist in this sync")
            .asRuntimeException();
      }
      return new Page<>(slice.items(), next);
    }
  }

  private record Page<T>(List<T> items, String next) {}

  /** A token carries its snapshot's key: replaying it under another sync id is refused. */
  private static void requireSameSync(PageToken token, String activeSyncId) {
    if (token.snapshot() == null) {
      return;
    }
    String key = SnapshotCache.syncKey(activeSyncId);
    boolean same =
        key == null ? SnapshotCache.isAnonymousKey(token.snapshot()) : key.equals(token.snapshot());
    if (!same) {
      throw invalid("page token belongs to another sync");
    }
  }

  private String requireType(String typeId) {
    RequestChecks.typeId("resource_type_id", typeId);
    if (!types.containsKey(typeId)) {
      // As Baton's connector builder answers (pkg/connectorbuilder/resource_syncer.go).
      throw Status.NOT_FOUND
          .withDescription("unknown resource type '" + typeId + "'")
          .asRuntimeException();
    }
    return typeId;
  }

  private Resource requireResource(boolean present, Resource r) {
    if (!present || !r.hasId()) {
      throw invalid("resource with an id is required");
    }
    RequestChecks.id("resource.id.resource", r.getId().getResource());
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
