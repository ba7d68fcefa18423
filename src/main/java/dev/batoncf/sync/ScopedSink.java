package dev.batoncf.sync;

import dev.batoncf.connector.RowSink;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Passes on only the rows a {@link SyncScope} keeps, and notes which targets it saw. */
final class ScopedSink implements RowSink {
  private final RowSink next;
  private final SyncScope scope;
  private final Set<ResourceId> seenTargets = new HashSet<>();

  ScopedSink(RowSink next, SyncScope scope) {
    this.next = next;
    this.scope = scope;
  }

  @Override
  public void resource(Resource r) {
    if (scope.keepsResource(r.getId())) {
      if (scope.targeted()) {
        seenTargets.add(r.getId());
      }
      next.resource(r);
    }
  }

  @Override
  public void entitlement(Entitlement e) {
    if (scope.keepsEntitlement(e)) {
      next.entitlement(e);
    }
  }

  @Override
  public void grant(Grant g) {
    if (scope.keepsGrant(g)) {
      next.grant(g);
    }
  }

  /** Targets no list returned, in the order they were asked for. */
  List<ResourceId> missingTargets() {
    return scope.targets().stream().filter(t -> !seenTargets.contains(t)).toList();
  }
}
