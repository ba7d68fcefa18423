package dev.batoncf.review;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What changed between two syncs, for access reviews: resources, entitlements and grants added,
 * removed or changed. The base sync is held as id → (fingerprint, label), so memory grows with the
 * number of rows, not with their size; the new sync is streamed. Entries come out grouped by kind,
 * added and changed in the new sync's id order, then removed in id order.
 */
public final class SyncDiff {
  private SyncDiff() {}

  /** A row of the base sync: a 64-bit fingerprint of its deterministic bytes and its label. */
  private record Seen(long fingerprint, String label) {}

  public static DiffSummary compare(C1zReader base, C1zReader current, Consumer<DiffEntry> out)
      throws IOException {
    DiffSummary summary = new DiffSummary();
    Consumer<DiffEntry> counted =
        e -> {
          summary.count(e);
          out.accept(e);
        };
    Map<String, Seen> seen = new HashMap<>();
    base.forEachResource(null, r -> seen.put(id(r), new Seen(fingerprint(r), label(r))));
    current.forEachResource(
        null, r -> visit(DiffEntry.Kind.RESOURCE, id(r), label(r), fingerprint(r), seen, counted));
    removed(DiffEntry.Kind.RESOURCE, seen, counted);

    base.forEachEntitlement(
        null, null, e -> seen.put(e.getId(), new Seen(fingerprint(e), label(e))));
    current.forEachEntitlement(
        null,
        null,
        e -> visit(DiffEntry.Kind.ENTITLEMENT, e.getId(), label(e), fingerprint(e), seen, counted));
    removed(DiffEntry.Kind.ENTITLEMENT, seen, counted);

    base.forEachGrant(
        GrantFilter.any(), g -> seen.put(g.getId(), new Seen(fingerprint(g), g.getId())));
    current.forEachGrant(
        GrantFilter.any(),
        g -> visit(DiffEntry.Kind.GRANT, g.getId(), g.getId(), fingerprint(g), seen, counted));
    removed(DiffEntry.Kind.GRANT, seen, counted);
    return summary;
  }

  private static void visit(
      DiffEntry.Kind kind,
      String id,
      String label,
      long fingerprint,
      Map<String, Seen> seen,
      Consumer<DiffEntry> out) {
    Seen before = seen.remove(id);
    if (before == null) {
      out.accept(new DiffEntry(DiffEntry.Change.ADDED, kind, id, label));
    } else if (before.fingerprint() != fingerprint) {
      out.accept(new DiffEntry(DiffEntry.Change.CHANGED, kind, id, label));
    }
  }

  /** What is left of the base was not in the new sync; reported in id order, then forgotten. */
  private static void removed(
      DiffEntry.Kind kind, Map<String, Seen> seen, Consumer<DiffEntry> out) {
    new TreeMap<>(seen)
        .forEach(
            (id, s) -> out.accept(new DiffEntry(DiffEntry.Change.REMOVED, kind, id, s.label())));
    seen.clear();
  }

  private static String id(Resource r) {
    return r.getId().getResourceType() + ":" + r.getId().getResource();
  }

  private static String label(Resource r) {
    return r.getDisplayName().isEmpty() ? id(r) : r.getDisplayName();
  }

  private static String label(Entitlement e) {
    return e.getDisplayName().isEmpty() ? e.getId() : e.getDisplayName();
  }

  /** FNV-1a over deterministic bytes: equal messages, equal fingerprints, across files. */
  static long fingerprint(Message m) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.getSerializedSize());
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      m.writeTo(out);
      out.flush();
      long h = 0xcbf29ce484222325L;
      for (byte b : bytes.toByteArray()) {
        h ^= (b & 0xff);
        h *= 0x100000001b3L;
      }
      return h;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
