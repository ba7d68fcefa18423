package dev.batoncf.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncSyncStoreTest {

  /** Records what reaches it, optionally failing on the n-th grant. */
  static final class Recording implements SyncStore {
    final List<String> rows = Collections.synchronizedList(new ArrayList<>());
    final int failAtGrant;
    volatile boolean finished;
    volatile String finishThread;

    Recording(int failAtGrant) {
      this.failAtGrant = failAtGrant;
    }

    @Override
    public void putResourceType(ResourceType t) {
      rows.add("type:" + t.getId());
    }

    @Override
    public void putResource(Resource r) {
      rows.add("res:" + r.getDisplayName());
    }

    @Override
    public void putEntitlement(Entitlement e) {
      rows.add("ent:" + e.getId());
    }

    @Override
    public void putGrant(Grant g) {
      if (rows.stream().filter(x -> x.startsWith("grant:")).count() + 1 == failAtGrant) {
        throw new IllegalStateException("disk full");
      }
      rows.add("grant:" + g.getId());
    }

    @Override
    public void finish() {
      finished = true;
      finishThread = Thread.currentThread().getName();
    }

    @Override
    public void close() {}
  }

  @Test
  void everyRowArrivesInOrderBeforeFinishReturns() {
    Recording rec = new Recording(-1);
    List<String> expected = new ArrayList<>();
    try (AsyncSyncStore store = new AsyncSyncStore(rec)) {
      store.putResourceType(ResourceType.newBuilder().setId("user").build());
      expected.add("type:user");
      for (int i = 0; i < 30_000; i++) {
        store.putResource(Resource.newBuilder().setDisplayName("r" + i).build());
        store.putGrant(Grant.newBuilder().setId("g" + i).build());
        expected.add("res:r" + i);
        expected.add("grant:g" + i);
      }
      store.putEntitlement(Entitlement.newBuilder().setId("e").build());
      expected.add("ent:e");
      store.finish();
    }
    assertTrue(rec.finished);
    assertEquals("c1z-writer", rec.finishThread);
    assertEquals(expected, rec.rows);
  }

  @Test
  void aWriterFailureSurfacesOnTheSyncThreadAndNothingIsFinished() {
    Recording rec = new Recording(5);
    AsyncSyncStore store = new AsyncSyncStore(rec);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> {
              for (int i = 0; i < 100_000; i++) {
                store.putGrant(Grant.newBuilder().setId("g" + i).build());
              }
              store.finish();
            });
    assertEquals("disk full", e.getMessage());
    store.close();
    assertFalse(rec.finished);
    assertEquals(4, rec.rows.size());
  }

  @Test
  void closeWithoutFinishStopsTheWriterAndNeverFinishes() {
    Recording rec = new Recording(-1);
    AsyncSyncStore store = new AsyncSyncStore(rec);
    store.putGrant(Grant.newBuilder().setId("g").build());
    store.close();
    assertFalse(rec.finished);
  }
}
