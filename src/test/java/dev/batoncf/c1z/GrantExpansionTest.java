package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.GrantSources;
import dev.batoncf.pb.connector.v2.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grant expansion in the written file, case by case against what Baton's expander produces ({@code
 * pkg/sync/expand/expander.go}): new grants, sources and is_direct, existing grants, shallow and
 * type-filtered edges, cycles, the depth limit and the checks on the edges.
 */
class GrantExpansionTest {

  @TempDir Path dir;

  private final Resource u1 = Fixtures.user("u1", "u1@example.com");
  private final Resource u2 = Fixtures.user("u2", "u2@example.com");
  private final Resource u3 = Fixtures.user("u3", "u3@example.com");

  /** The rows of one file: entitlements of groups, then the grants, in put order. */
  private final Map<String, Entitlement> entitlements = new LinkedHashMap<>();

  private final List<Grant> grants = new ArrayList<>();

  private Entitlement ent(String group) {
    return entitlements.computeIfAbsent(group, g -> Fixtures.member(Fixtures.group(g)));
  }

  private Grant direct(String group, Resource principal) {
    Grant g = Fixtures.grant(ent(group), principal);
    grants.add(g);
    return g;
  }

  /** "{@code parent} includes {@code child}": parent's entitlement to group:child, expandable. */
  private Grant nest(String parent, String child, boolean shallow, String... types) {
    GrantExpandable e =
        GrantExpandable.newBuilder()
            .addEntitlementIds(ent(child).getId())
            .setShallow(shallow)
            .addAllResourceTypeIds(List.of(types))
            .build();
    Grant g = Fixtures.expandableGrant(ent(parent), Fixtures.group(child), e);
    grants.add(g);
    return g;
  }

  private Path write(String name) throws IOException {
    Path file = dir.resolve(name);
    try (C1zWriter w = C1zWriter.create(file, dir, Fixtures.fixedClock())) {
      w.putResourceType(Fixtures.userType());
      w.putResourceType(Fixtures.groupType());
      for (Resource u : List.of(u1, u2, u3)) {
        w.putResource(u);
      }
      for (Entitlement e : entitlements.values()) {
        w.putResource(e.getResource());
        w.putEntitlement(e);
      }
      for (Grant g : grants) {
        w.putGrant(g);
      }
      w.finish();
    }
    return file;
  }

  private static Map<String, Grant> read(Path file) throws IOException {
    Map<String, Grant> out = new TreeMap<>();
    try (C1zReader r = C1zReader.open(file)) {
      r.forEachGrant(GrantFilter.any(), g -> out.put(g.getId(), g));
    }
    return out;
  }

  private static GrantSources sources(Object... keyAndDirect) {
    GrantSources.Builder b = GrantSources.newBuilder();
    for (int i = 0; i < keyAndDirect.length; i += 2) {
      b.putSources(
          (String) keyAndDirect[i],
          GrantSources.GrantSource.newBuilder().setIsDirect((Boolean) keyAndDirect[i + 1]).build());
    }
    return b.build();
  }

  /** Exactly the grant Baton's newExpandedGrant builds. */
  private Grant derived(String group, Resource principal, GrantSources sources) {
    return Grant.newBuilder()
        .setEntitlement(ent(group))
        .setPrincipal(principal)
        .setId(
            ent(group).getId()
                + ":"
                + principal.getId().getResourceType()
                + ":"
                + principal.getId().getResource())
        .addAnnotations(Any.pack(GrantImmutable.getDefaultInstance()))
        .setSources(sources)
        .build();
  }

  @Test
  void chains_expand_in_order_with_sources_and_is_direct() throws Exception {
    Grant u1InC = direct("c", u1);
    Grant u2InB = direct("b", u2);
    Grant u2InA = direct("a", u2);
    Grant cInB = nest("b", "c", false);
    Grant bInA = nest("a", "b", false);
    Map<String, Grant> out = read(write("chain.c1z"));

    Map<String, Grant> expected = new TreeMap<>();
    for (Grant g : List.of(u1InC, u2InB, cInB, bInA)) {
      expected.put(g.getId(), g);
    }
    // u1 holds c directly: b comes from c (direct); a comes from b, where u1 is only indirect.
    expected.put("group:b:member:user:u1", derived("b", u1, sources("group:c:member", true)));
    expected.put("group:a:member:user:u1", derived("a", u1, sources("group:b:member", false)));
    // Every principal of b's grants propagates, the nested group included.
    expected.put(
        "group:a:member:group:c",
        derived("a", Fixtures.group("c"), sources("group:b:member", true)));
    // u2 already held a directly: the grant stays, with its own entitlement as a direct source.
    expected.put(
        u2InA.getId(),
        u2InA.toBuilder()
            .setSources(sources("group:a:member", true, "group:b:member", true))
            .build());
    assertEquals(expected, out);
  }

  @Test
  void expandable_rows_keep_their_expansion_and_derived_rows_have_none() throws Exception {
    direct("c", u1);
    Grant cInB = nest("b", "c", false);
    Path file = write("columns.c1z");
    try (Connection c = RawC1z.open(RawC1z.extract(file, dir.resolve("columns.db")));
        PreparedStatement st =
            c.prepareStatement(
                "select expansion, needs_expansion, discovered_at from v1_grants where external_id = ?")) {
      st.setString(1, cInB.getId());
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next());
        assertArrayEquals(cInB.getAnnotations(1).getValue().toByteArray(), rs.getBytes(1));
        assertEquals(1, rs.getInt(2), "Baton's SQLite files keep needs_expansion after expanding");
      }
      st.setString(1, "group:b:member:user:u1");
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next());
        assertNull(rs.getBytes(1));
        assertEquals(0, rs.getInt(2));
        assertEquals(Fixtures.FIXED_GO_TIME, rs.getString(3));
      }
    }
  }

  @Test
  void shallow_edges_take_only_direct_holders_and_types_filter_principals() throws Exception {
    direct("d", u3);
    // u1 holds d only through something else: not direct on d.
    grants.add(
        Fixtures.grant(ent("d"), u1).toBuilder()
            .setSources(sources("group:elsewhere:member", true))
            .build());
    direct("d", Fixtures.group("z"));
    nest("e", "d", true, "user");
    nest("f", "d", false, "group");
    Map<String, Grant> out = read(write("filters.c1z"));
    assertEquals(
        derived("e", u3, sources("group:d:member", true)), out.get("group:e:member:user:u3"));
    assertFalse(
        out.containsKey("group:e:member:user:u1"), "shallow: u1 is not a direct holder of d");
    assertFalse(out.containsKey("group:e:member:group:z"), "types: only users");
    assertEquals(
        derived("f", Fixtures.group("z"), sources("group:d:member", true)),
        out.get("group:f:member:group:z"));
    assertFalse(out.containsKey("group:f:member:user:u3"));
  }

  @Test
  void a_cycle_collapses_as_in_baton_no_member_reaches_the_other_side() throws Exception {
    direct("p", u1);
    direct("q", u2);
    Grant qInP = nest("p", "q", false);
    Grant pInQ = nest("q", "p", false);
    Grant qInR = nest("r", "q", false);
    Map<String, Grant> out = read(write("cycle.c1z"));
    assertFalse(out.containsKey("group:p:member:user:u2"), "intra-cycle edges are dropped");
    assertFalse(out.containsKey("group:q:member:user:u1"), "intra-cycle edges are dropped");
    // The collapsed node's edge to r carries every entitlement of the cycle.
    assertEquals(
        derived("r", u1, sources("group:p:member", true)), out.get("group:r:member:user:u1"));
    assertEquals(
        derived("r", u2, sources("group:q:member", true)), out.get("group:r:member:user:u2"));
    assertEquals(
        derived("r", Fixtures.group("p"), sources("group:q:member", true)),
        out.get("group:r:member:group:p"));
    // r already held group:q (its own nesting grant): that grant gains the sources instead.
    assertEquals(
        qInR.toBuilder()
            .setSources(sources("group:r:member", true, "group:p:member", true))
            .build(),
        out.get(qInR.getId()));
    assertEquals(qInP, out.get(qInP.getId()));
    assertEquals(pInQ, out.get(pInQ.getId()));
    assertEquals(8, out.size());
  }

  @Test
  void twenty_levels_expand_and_a_twenty_first_fails_like_baton() throws Exception {
    direct("g0", u1);
    for (int i = 0; i < 20; i++) {
      nest("g" + (i + 1), "g" + i, false);
    }
    Map<String, Grant> out = read(write("deep.c1z"));
    assertEquals(
        derived("g20", u1, sources("group:g19:member", false)),
        out.get("group:g20:member:user:u1"));
    assertEquals(
        derived("g1", u1, sources("group:g0:member", true)), out.get("group:g1:member:user:u1"));

    nest("g21", "g20", false);
    Path file = dir.resolve("too-deep.c1z");
    Files.writeString(file, "previous");
    IOException e = assertThrows(IOException.class, () -> write("too-deep.c1z"));
    assertTrue(e.getMessage().contains("more than 20 levels"), e.getMessage());
    assertEquals("previous", Files.readString(file), "a failed expansion leaves the old file");
  }

  @Test
  void a_source_that_is_not_the_principals_fails_the_sync_and_a_missing_one_is_dropped()
      throws Exception {
    direct("c", u1);
    grants.add(
        Fixtures.expandableGrant(
            ent("a"),
            Fixtures.group("b"),
            GrantExpandable.newBuilder().addEntitlementIds("group:ghost:member").build()));
    Map<String, Grant> out = read(write("missing.c1z"));
    assertEquals(2, out.size(), "an edge from a missing entitlement adds nothing");

    grants.add(
        Fixtures.expandableGrant(
            ent("a"),
            Fixtures.group("b"),
            GrantExpandable.newBuilder().addEntitlementIds(ent("c").getId()).build()));
    IOException e = assertThrows(IOException.class, () -> write("mismatch.c1z"));
    assertEquals(
        "c1z: grant group:a:member:group:b expands from group:c:member, which does not belong to "
            + "the grant's principal",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("mismatch.c1z")));
  }
}
