package dev.batoncf.sync;

import dev.batoncf.c1z.SyncTimings;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;

/** Where a sync streams its rows; the c1z writer in production. */
public interface SyncStore extends AutoCloseable {
  void putResourceType(ResourceType type);

  void putResource(Resource resource);

  void putEntitlement(Entitlement entitlement);

  void putGrant(Grant grant);

  /**
   * Where the sync spent its time, recorded with the sync; called once, just before {@link
   * #finish()}.
   */
  default void timings(SyncTimings timings) {}

  /** Makes the sync durable (for a c1z: the atomic rename). Not called when the sync fails. */
  void finish();

  /** Without {@link #finish()} this discards everything and leaves any previous output intact. */
  @Override
  void close();
}
