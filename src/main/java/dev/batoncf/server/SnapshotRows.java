package dev.batoncf.server;

import dev.batoncf.connector.RowSink;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows one sync derived so far, indexed the way the host asks for them: resources per type,
 * entitlements and grants per resource. Lists only grow (or replace a row in place), so an offset
 * into a list stays valid while the snapshot advances. A row with an id already seen replaces the
 * earlier one, as the c1z writer's upsert does. Not thread-safe: {@link SyncSnapshot} guards it.
 */
final class SnapshotRows implements RowSink {
  private final Map<String, Keyed<Resource>> resourcesByType = new HashMap<>();
  private final Map<String, Keyed<Entitlement>> entitlementsByResource = new HashMap<>();
  private final Map<String, Keyed<Grant>> grantsByResource = new HashMap<>();

  /** "type:id", the key of a resource in every index. */
  static String key(ResourceId id) {
    return id.getResourceType() + ":" + id.getResource();
  }

  @Override
  public void resource(Resource r) {
    resourcesByType.computeIfAbsent(r.getId().getResourceType(), k -> new Keyed<>())
        .put(r.getId().getResource(), r);
  }

  @Override
  public void entitlement(Entitlement e) {
    entitlementsByResource.computeIfAbsent(key(e.getResource().getId()), k -> new Keyed<>())
        .put(e.getId(), e);
  }

  @Override
  public void grant(Grant g) {
    grantsByResource.computeIfAbsent(key(g.getEntitlement().getResource().getId()),
        k -> new Keyed<>()).put(g.getId(), g);
  }

  List<Resource> resources(String type) {
    Keyed<Resource> k = resourcesByType.get(type);
    return k == null ? List.of() : k.items;
  }

  List<Entitlement> entitlements(ResourceId resource) {
    Keyed<Entitlement> k = entitlementsByResource.get(key(resource));
    return k == null ? List.of() : k.items;
  }

  List<Grant> grants(ResourceId resource) {
    Keyed<Grant> k = grantsByResource.get(key(resource));
    return k == null ? List.of() : k.items;
  }

  Optional<Resource> resource(ResourceId id) {
    Keyed<Resource> k = resourcesByType.get(id.getResourceType());
    return k == null ? Optional.empty() : k.get(id.getResource());
  }

  /** An append-only list with replacement by id. */
  private static final class Keyed<T> {
    final List<T> items = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();

    void put(String id, T item) {
      Integer at = index.get(id);
      if (at != null) {
        items.set(at, item);
      } else {
        index.put(id, items.size());
        items.add(item);
      }
    }

    Optional<T> get(String id) {
      Integer at = index.get(id);
      return at == null ? Optional.empty() : Optional.of(items.get(at));
    }
  }
}
