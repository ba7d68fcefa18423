package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.GrantSources;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

  @TempDir Path dir;

  private final Resource alice = Fixtures.user("u-alice", "alice@example.com");
  private final Resource bob = Fixtures.user("u-bob", "bob@example.com");
  private final Resource admins = Fixtures.group("g-admins");
  private final Resource ops = Fixtures.group("g-ops");
  private final Entitlement adminsMember = Fixtures.member(admins);
  private final Entitlement opsMember = Fixtures.member(ops);
  private final GrantExpandable nested = Fixtures.expandable(opsMember.getId());
  private final Grant aliceAdmin = Fixtures.grant(adminsMember, alice);
  private final Grant bobOps = Fixtures.grant(opsMember, bob);
  // "ops members are admins": the nested-group grant carries a GrantExpandable.
  private final Grant opsInAdmins = Fixtures.expandableGrant(adminsMember, ops, nested);
  // What finish() derives from it, as Baton's expander would: bob (a direct member of ops) is an
  // admin.
  private final Grant bobAdminByExpansion =
      Grant.newBuilder()
          .setEntitlement(adminsMember)
          .setPrincipal(bob)
          .setId("group:g-admins:member:user:u-bob")
          .addAnnotations(Any.pack(GrantImmutable.getDefaultInstance()))
          .setSources(
              GrantSources.newBuilder()
                  .putSources(
                      opsMember.getId(),
                      GrantSources.GrantSource.newBuilder().setIsDirect(true).build()))
          .build();

  private Path file;
  private String syncId;

  @BeforeEach
  void write() throws Exception {
    file = dir.resolve("sync.c1z");
    try (C1zWriter writer = C1zWriter.create(file, dir, Fixtures.fixedClock())) {
      syncId = writer.syncId();
      writer.putResourceType(Fixtures.userType());
      writer.putResourceType(Fixtures.groupType());
      writer.putResource(alice);
      writer.putResource(bob);
      writer.putResource(admins);
      writer.putResource(ops);
      writer.putEntitlement(adminsMember);
      writer.putEntitlement(opsMember);
      writer.putGrant(aliceAdmin);
      writer.putGrant(bobOps);
      writer.putGrant(opsInAdmins);
      writer.finish();
    }
  }

  @Test
  void reads_back_exactly_what_was_put() throws Exception {
    try (C1zReader reader = C1zReader.open(file)) {
      assertEquals(syncId, reader.sync().syncId());
      assertEquals(List.of(Fixtures.groupType(), Fixtures.userType()), collectTypes(reader));
      assertEquals(List.of(admins, ops, alice, bob), collectResources(reader, null));
      assertEquals(List.of(admins, ops), collectResources(reader, "group"));
      assertEquals(List.of(adminsMember, opsMember), collectEntitlements(reader, null, null));
      assertEquals(List.of(opsMember), collectEntitlements(reader, "group", "g-ops"));
      // Ordered by grant id: "...:member:group:g-ops" sorts before "...:member:user:u-alice".
      assertEquals(
          List.of(opsInAdmins, aliceAdmin, bobAdminByExpansion, bobOps),
          collectGrants(reader, GrantFilter.any()));
    }
  }

  @Test
  void grant_filters_select_by_columns() throws Exception {
    try (C1zReader reader = C1zReader.open(file)) {
      assertEquals(
          List.of(opsInAdmins, aliceAdmin, bobAdminByExpansion),
          collectGrants(reader, GrantFilter.forEntitlement(adminsMember.getId())));
      assertEquals(
          List.of(bobAdminByExpansion, bobOps),
          collectGrants(reader, GrantFilter.forPrincipal("user", "u-bob")));
      assertEquals(
          List.of(opsInAdmins), collectGrants(reader, GrantFilter.forPrincipal("group", "g-ops")));
      assertEquals(
          List.of(bobOps), collectGrants(reader, GrantFilter.forResource("group", "g-ops")));
      assertEquals(List.of(), collectGrants(reader, GrantFilter.forResource("user", null)));
      assertEquals(
          List.of(aliceAdmin),
          collectGrants(
              reader,
              new GrantFilter("group", "g-admins", adminsMember.getId(), "user", "u-alice")));
    }
  }

  @Test
  void expansion_moves_to_its_column() throws Exception {
    Path db = RawC1z.extract(file, dir.resolve("raw.db"));
    try (Connection c = RawC1z.open(db);
        PreparedStatement st =
            c.prepareStatement(
                "select expansion, needs_expansion, data from v1_grants where external_id = ?")) {
      st.setString(1, opsInAdmins.getId());
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next());
        assertArrayEquals(nested.toByteArray(), rs.getBytes(1));
        assertEquals(1, rs.getInt(2));
        Grant stored = Grant.parseFrom(rs.getBytes(3));
        assertEquals(1, stored.getAnnotationsCount(), "only GrantMetadata stays in the blob");
        assertFalse(stored.getAnnotations(0).getTypeUrl().endsWith("GrantExpandable"));
        assertEquals(adminsMember, stored.getEntitlement(), "full blob: entitlement embedded");
        assertEquals(ops, stored.getPrincipal(), "full blob: principal embedded");
      }
      st.setString(1, aliceAdmin.getId());
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next());
        assertNull(rs.getBytes(1));
        assertEquals(0, rs.getInt(2));
        assertEquals(aliceAdmin, Grant.parseFrom(rs.getBytes(3)));
      }
    }
  }

  @Test
  void counts_and_sync_run_metadata() throws Exception {
    try (C1zReader reader = C1zReader.open(file)) {
      Counts counts = reader.counts();
      assertEquals(
          new Counts(
              2,
              4,
              2,
              4,
              Map.of("user", 2L, "group", 2L),
              Map.of("group", 2L),
              Map.of("group", 4L)),
          counts);
      SyncRun run = reader.sync();
      assertEquals(
          new SyncRun(
              syncId,
              LocalDateTime.parse("2024-05-06T07:08:09.1234"),
              LocalDateTime.parse("2024-05-06T07:08:09.1234"),
              "full"),
          run);
      assertEquals(List.of(run), reader.syncRuns());
      assertEquals(run, reader.latestFinishedSync());
    }
  }

  @Test
  void upserts_keep_one_row_with_the_last_data() throws Exception {
    Path second = dir.resolve("upsert.c1z");
    Resource renamed = alice.toBuilder().setDisplayName("Alice A.").build();
    Grant withoutExpansion = Fixtures.grant(adminsMember, ops);
    try (C1zWriter writer = C1zWriter.create(second, dir, Fixtures.fixedClock())) {
      writer.putResourceType(Fixtures.userType());
      writer.putResource(alice);
      writer.putResource(renamed);
      writer.putGrant(opsInAdmins);
      writer.putGrant(withoutExpansion);
      assertEquals(1, writer.counts().resources());
      assertEquals(1, writer.counts().grants());
      writer.finish();
    }
    try (C1zReader reader = C1zReader.open(second)) {
      assertEquals(List.of(renamed), collectResources(reader, null));
      assertEquals(List.of(withoutExpansion), collectGrants(reader, GrantFilter.any()));
    }
    try (Connection c = RawC1z.open(RawC1z.extract(second, dir.resolve("upsert.db")));
        ResultSet rs =
            c.createStatement().executeQuery("select expansion, needs_expansion from v1_grants")) {
      assertTrue(rs.next());
      assertNull(rs.getBytes(1), "the upsert replaced the expansion too");
      assertEquals(0, rs.getInt(2));
      assertFalse(rs.next());
    }
  }

  static List<ResourceType> collectTypes(C1zReader reader) throws Exception {
    List<ResourceType> out = new ArrayList<>();
    reader.forEachResourceType(out::add);
    return out;
  }

  static List<Resource> collectResources(C1zReader reader, String type) throws Exception {
    List<Resource> out = new ArrayList<>();
    reader.forEachResource(type, out::add);
    return out;
  }

  static List<Entitlement> collectEntitlements(C1zReader reader, String type, String id)
      throws Exception {
    List<Entitlement> out = new ArrayList<>();
    reader.forEachEntitlement(type, id, out::add);
    return out;
  }

  static List<Grant> collectGrants(C1zReader reader, GrantFilter filter) throws Exception {
    List<Grant> out = new ArrayList<>();
    reader.forEachGrant(filter, out::add);
    return out;
  }
}
