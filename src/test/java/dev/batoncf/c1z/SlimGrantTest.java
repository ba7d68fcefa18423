package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GrantMetadata;
import dev.batoncf.pb.connector.v2.Resource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Current Baton writes "slim" grant rows: the blob has no entitlement or principal (their ids are
 * in columns) and GrantExpandable lives only in the expansion column. Rows are inserted here with
 * plain JDBC, the way Baton's writer lays them out, and must come back hydrated.
 */
class SlimGrantTest {

  @TempDir Path dir;

  private final Any metadata =
      Any.pack(
          GrantMetadata.newBuilder()
              .setMetadata(Struct.newBuilder().putFields("source", Fixtures.str("idp")))
              .build());
  private final GrantExpandable expandable = Fixtures.expandable("group:g-child:member");

  @Test
  void slim_rows_are_hydrated_from_their_columns() throws Exception {
    Path file = writeBase();
    Path db = RawC1z.extract(file, dir.resolve("raw.db"));
    String syncId;
    // An older writer kept GrantExpandable in the blob *and* backfilled the column: no duplicate.
    Grant alreadyAnnotated =
        Grant.newBuilder()
            .setId("group:g-1:member:group:g-old")
            .addAnnotations(Any.pack(expandable))
            .build();
    try (Connection c = RawC1z.open(db)) {
      try (var rs = c.createStatement().executeQuery("select sync_id from v1_sync_runs")) {
        rs.next();
        syncId = rs.getString(1);
      }
      insertSlim(
          c,
          syncId,
          "group:g-1:member:user:u-1",
          "group",
          "g-1",
          "group:g-1:member",
          "user",
          "u-1",
          Grant.newBuilder().setId("group:g-1:member:user:u-1").addAnnotations(metadata).build(),
          null);
      insertSlim(
          c,
          syncId,
          "group:g-1:member:group:g-child",
          "group",
          "g-1",
          "group:g-1:member",
          "group",
          "g-child",
          Grant.newBuilder().setId("group:g-1:member:group:g-child").build(),
          expandable.toByteArray());
      insertSlim(
          c,
          syncId,
          alreadyAnnotated.getId(),
          "group",
          "g-1",
          "group:g-1:member",
          "group",
          "g-old",
          alreadyAnnotated,
          expandable.toByteArray());
    }
    Path repacked = dir.resolve("slim.c1z");
    RawC1z.pack(db, repacked);

    Entitlement entitlementStub =
        Entitlement.newBuilder()
            .setId("group:g-1:member")
            .setResource(Resource.newBuilder().setId(Fixtures.id("group", "g-1")))
            .build();
    Grant child =
        Grant.newBuilder()
            .setId("group:g-1:member:group:g-child")
            .setEntitlement(entitlementStub)
            .setPrincipal(Resource.newBuilder().setId(Fixtures.id("group", "g-child")))
            .addAnnotations(Any.pack(expandable))
            .build();
    Grant old =
        alreadyAnnotated.toBuilder()
            .setEntitlement(entitlementStub)
            .setPrincipal(Resource.newBuilder().setId(Fixtures.id("group", "g-old")))
            .build();
    Grant user =
        Grant.newBuilder()
            .setId("group:g-1:member:user:u-1")
            .setEntitlement(entitlementStub)
            .setPrincipal(Resource.newBuilder().setId(Fixtures.id("user", "u-1")))
            .addAnnotations(metadata)
            .build();
    try (C1zReader reader = C1zReader.open(repacked)) {
      assertEquals(
          List.of(child, old, user), RoundTripTest.collectGrants(reader, GrantFilter.any()));
      assertEquals(
          List.of(user),
          RoundTripTest.collectGrants(reader, GrantFilter.forPrincipal("user", "u-1")));
      assertEquals(3, reader.counts().grants());
    }
  }

  private Path writeBase() throws Exception {
    Path file = dir.resolve("base.c1z");
    try (C1zWriter writer = C1zWriter.create(file, dir, Fixtures.fixedClock())) {
      writer.putResourceType(Fixtures.groupType());
      writer.putResource(Fixtures.group("g-1"));
      writer.finish();
    }
    return file;
  }

  private static void insertSlim(
      Connection c,
      String syncId,
      String externalId,
      String rt,
      String rid,
      String entitlementId,
      String prt,
      String pid,
      Grant data,
      byte[] expansion)
      throws Exception {
    try (PreparedStatement st =
        c.prepareStatement(
            "insert into v1_grants (resource_type_id, resource_id,"
                + " entitlement_id, principal_resource_type_id, principal_resource_id, external_id, expansion,"
                + " needs_expansion, data, sync_id, discovered_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, rt);
      st.setString(2, rid);
      st.setString(3, entitlementId);
      st.setString(4, prt);
      st.setString(5, pid);
      st.setString(6, externalId);
      if (expansion == null) {
        st.setNull(7, java.sql.Types.BLOB);
      } else {
        st.setBytes(7, expansion);
      }
      st.setInt(8, expansion == null ? 0 : 1);
      st.setBytes(9, data.toByteArray());
      st.setString(10, syncId);
      st.setString(11, "2024-01-01 00:00:00");
      st.executeUpdate();
    }
  }
}
