package dev.batoncf.sync;

import dev.batoncf.c1z.C1zWriter;
import dev.batoncf.c1z.SyncTimings;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A sync store backed by a c1z file, written atomically on {@link #finish()}. */
public final class C1zSyncStore implements SyncStore {
  private final C1zWriter writer;

  public C1zSyncStore(C1zWriter writer) {
    this.writer = writer;
  }

  public String syncId() {
    return writer.syncId();
  }

  @Override
  public void putResourceType(ResourceType type) {
    run(() -> writer.putResourceType(type));
  }

  @Override
  public void putResource(Resource resource) {
    run(() -> writer.putResource(resource));
  }

  @Override
  public void putEntitlement(Entitlement entitlement) {
    run(() -> writer.putEntitlement(entitlement));
  }

  @Override
  public void putGrant(Grant grant) {
    run(() -> writer.putGrant(grant));
  }

  @Override
  public void timings(SyncTimings timings) {
    writer.recordTimings(timings);
  }

  @Override
  public void finish() {
    run(writer::finish);
  }

  @Override
  public void close() {
    writer.close();
  }

  private interface IoAction {
    void run() throws IOException;
  }

  /**
   * Storage failures surface unchecked; the CLI reports them as one line and keeps the old file.
   */
  private void run(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write " + writer.target() + ": " + e.getMessage(), e);
    }
  }
}
