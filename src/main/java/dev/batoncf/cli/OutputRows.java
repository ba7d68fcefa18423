package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.pb.baton.v1.EntitlementOutput;
import dev.batoncf.pb.baton.v1.GrantOutput;
import dev.batoncf.pb.baton.v1.ResourceOutput;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the rows of Baton's list outputs ({@code baton.v1.ResourceOutput}, ...), looking up the
 * resource type, resource, entitlement and principal of each row in the same sync as {@code baton
 * resources|entitlements|grants} does. Where Baton fails on a missing one, the row keeps what it
 * carries itself. Lookups are cached in a small LRU, so memory stays bounded.
 */
final class OutputRows {
  private static final int CACHE = 4096;

  private final C1zReader reader;
  private final Map<String, Optional<ResourceType>> types = new HashMap<>();
  private final Map<String, Optional<Resource>> resources = lru();
  private final Map<String, Optional<Entitlement>> entitlements = lru();

  OutputRows(C1zReader reader) {
    this.reader = reader;
  }

  ResourceOutput resource(Resource r) {
    ResourceOutput.Builder b = ResourceOutput.newBuilder().setResource(r);
    type(r.getId().getResourceType()).ifPresent(b::setResourceType);
    if (r.hasParentResourceId()) {
      lookup(r.getParentResourceId()).ifPresent(b::setParent);
    }
    return b.build();
  }

  EntitlementOutput entitlement(Entitlement e) {
    ResourceId id = e.getResource().getId();
    EntitlementOutput.Builder b =
        EntitlementOutput.newBuilder()
            .setEntitlement(e)
            .setResource(lookup(id).orElse(e.getResource()));
    type(id.getResourceType()).ifPresent(b::setResourceType);
    return b.build();
  }

  GrantOutput grant(Grant g) {
    ResourceId id = g.getEntitlement().getResource().getId();
    GrantOutput.Builder b =
        GrantOutput.newBuilder()
            .setGrant(g)
            .setEntitlement(entitlementOf(g.getEntitlement().getId()).orElse(g.getEntitlement()))
            .setResource(lookup(id).orElse(g.getEntitlement().getResource()))
            .setPrincipal(lookup(g.getPrincipal().getId()).orElse(g.getPrincipal()));
    type(id.getResourceType()).ifPresent(b::setResourceType);
    return b.build();
  }

  private Optional<ResourceType> type(String id) {
    return types.computeIfAbsent(id, k -> read(() -> reader.resourceType(k)));
  }

  private Optional<Resource> lookup(ResourceId id) {
    String key = id.getResourceType() + ":" + id.getResource();
    return resources.computeIfAbsent(
        key, k -> read(() -> reader.resource(id.getResourceType(), id.getResource())));
  }

  private Optional<Entitlement> entitlementOf(String id) {
    return entitlements.computeIfAbsent(id, k -> read(() -> reader.entitlement(k)));
  }

  private interface Lookup<T> {
    Optional<T> get() throws IOException;
  }

  private static <T> Optional<T> read(Lookup<T> lookup) {
    try {
      return lookup.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > CACHE;
      }
    };
  }
}
