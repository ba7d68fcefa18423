package dev.batoncf.c1z;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Proto ↔ row conversions shared by the writer and the reader. */
final class ProtoRows {

  private ProtoRows() {}

  /**
   * Deterministic binary form: map entries (Struct fields included) are written in key order, so
   * the same message always gives the same bytes. Baton diffs syncs by comparing these bytes.
   */
  static byte[] deterministicBytes(MessageLite message) {
    byte[] out = new byte[message.getSerializedSize()];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    cos.useDeterministicSerialization();
    try {
      message.writeTo(cos);
    } catch (IOException e) {
      // Writing into a correctly sized array cannot fail; this would be a protobuf bug.
      throw new UncheckedIOException(e);
    }
    cos.checkNoSpaceLeft();
    return out;
  }

  static boolean isGrantExpandable(Any annotation) {
    String url = annotation.getTypeUrl();
    return url.equals(C1zSchema.GRANT_EXPANDABLE_TYPE)
        || url.endsWith("/" + C1zSchema.GRANT_EXPANDABLE_TYPE);
  }

  /** A grant with its GrantExpandable annotation moved out, as Baton stores it. */
  record SplitGrant(Grant stored, byte[] expansion) {}

  /**
   * Removes every GrantExpandable annotation from {@code grant}; the first one's value bytes become
   * the {@code expansion} column (null when there is none). The bytes are kept as given, not
   * re-encoded, so reading them back re-creates the identical annotation.
   *
   * @throws IllegalArgumentException if the annotation does not decode as a GrantExpandable
   */
  static SplitGrant splitExpansion(Grant grant) {
    int first = -1;
    for (int i = 0; i < grant.getAnnotationsCount(); i++) {
      if (isGrantExpandable(grant.getAnnotations(i))) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return new SplitGrant(grant, null);
    }
    ByteString value = grant.getAnnotations(first).getValue();
    try {
      GrantExpandable.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "grant " + grant.getId() + " has an undecodable GrantExpandable", e);
    }
    Grant.Builder stripped = grant.toBuilder().clearAnnotations();
    for (Any annotation : grant.getAnnotationsList()) {
      if (!isGrantExpandable(annotation)) {
        stripped.addAnnotations(annotation);
      }
    }
    return new SplitGrant(stripped.build(), value.toByteArray());
  }

  /** The identity columns of a grant row, used to hydrate slim blobs. */
  record GrantColumns(
      String entitlementId,
      String resourceTypeId,
      String resourceId,
      String principalTypeId,
      String principalId) {}

  /**
   * Completes a grant read from a row. Baton's slim writer leaves out the entitlement and the
   * principal (the columns hold their ids), so stubs are rebuilt from the columns; a non-null
   * {@code expansion} goes back on as a GrantExpandable annotation unless the blob already has one.
   * It is appended last: the row does not record where it sat among the other annotations.
   */
  static Grant hydrate(Grant stored, GrantColumns columns, byte[] expansion) {
    boolean needsEntitlement = !stored.hasEntitlement();
    boolean needsPrincipal = !stored.hasPrincipal();
    boolean needsExpansion =
        expansion != null
            && stored.getAnnotationsList().stream().noneMatch(ProtoRows::isGrantExpandable);
    if (!needsEntitlement && !needsPrincipal && !needsExpansion) {
      return stored;
    }
    Grant.Builder out = stored.toBuilder();
    if (needsEntitlement) {
      out.setEntitlement(
          Entitlement.newBuilder()
              .setId(columns.entitlementId())
              .setResource(
                  Resource.newBuilder()
                      .setId(resourceId(columns.resourceTypeId(), columns.resourceId()))));
    }
    if (needsPrincipal) {
      out.setPrincipal(
          Resource.newBuilder()
              .setId(resourceId(columns.principalTypeId(), columns.principalId())));
    }
    if (needsExpansion) {
      out.addAnnotations(
          Any.newBuilder()
              .setTypeUrl(C1zSchema.TYPE_URL_PREFIX + C1zSchema.GRANT_EXPANDABLE_TYPE)
              .setValue(ByteString.copyFrom(expansion)));
    }
    return out.build();
  }

  private static ResourceId resourceId(String type, String id) {
    return ResourceId.newBuilder().setResourceType(type).setResource(id).build();
  }
}
