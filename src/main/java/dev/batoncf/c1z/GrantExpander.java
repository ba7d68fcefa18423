package dev.batoncf.c1z;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.GrantSources;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands the grants of one sync in its database as Baton's syncer does before it ends a sync
 * ({@code SyncGrantExpansion}, {@code pkg/sync/expand/expander.go}): every grant row with a pending
 * {@code expansion} (GrantExpandable with source entitlements S, on entitlement D, to the principal
 * that owns S) is an edge S → D, and every principal holding S gets D.
 *
 * <ul>
 *   <li>A new grant has id {@code D:<type>:<id>}, the entitlement D as stored, the source grant's
 *       principal, one {@code GrantImmutable} annotation and {@code sources = {S: is_direct}},
 *       where {@code is_direct} says the principal's grant on S was itself direct.
 *   <li>A principal that already holds D keeps its grant, which gains the sources (a grant without
 *       sources first gets its own entitlement as a direct source).
 *   <li>The expandable grant itself keeps its {@code expansion} column and {@code needs_expansion =
 *       1}, as in Baton's SQLite files.
 * </ul>
 *
 * <p>Work is paged from SQLite (1000 source grants at a time); the destination's current holders
 * are held as a set of keys (at most {@link #MAX_PREFETCH}, else one indexed lookup per grant), so
 * memory stays bounded whatever the number of members.
 */
final class GrantExpander {

  private static final Logger LOG = LoggerFactory.getLogger(GrantExpander.class);

  /** Baton's default {@code BATON_GRAPH_EXPAND_MAX_DEPTH}. */
  static final int MAX_DEPTH = 20;

  private static final int PAGE = 1000;

  /**
   * Up to this many holders of a destination are kept as a set, so a source grant whose principal
   * is not among them becomes a new grant without a lookup (Baton's expander does the same, up to
   * 1M keys); beyond it, each principal is looked up. About 100 bytes a key.
   */
  static final int MAX_PREFETCH = 200_000;

  private static final Any IMMUTABLE = Any.pack(GrantImmutable.getDefaultInstance());
  private static final String GRANT_COLUMNS =
      "id, data, entitlement_id, resource_type_id, resource_id,"
          + " principal_resource_type_id, principal_resource_id";

  /**
   * @param created grants added by expansion
   * @param updated existing grants that gained sources
   * @param droppedEdges edges left out because a source or destination entitlement is missing
   */
  record Result(long created, long updated, long droppedEdges) {}

  private record Row(long id, Grant grant) {}

  private final Connection db;
  private final String syncId;
  private final Supplier<String> now;
  private final Map<String, Entitlement> entitlements = new HashMap<>();
  private final PreparedStatement grantsOf;
  private final PreparedStatement holders;
  private final BatchedStatement insert;
  private final PreparedStatement updateData;
  private final PreparedStatement entitlement;
  private long created;
  private long updated;
  private long dropped;

  private GrantExpander(Connection db, String syncId, Supplier<String> now) throws SQLException {
    this.db = db;
    this.syncId = syncId;
    this.now = now;
    this.grantsOf =
        db.prepareStatement(
            "select "
                + GRANT_COLUMNS
                + " from "
                + C1zSchema.GRANTS
                + " where sync_id = ? and entitlement_id = ? and principal_resource_type_id = ?"
                + " and principal_resource_id = ? order by id");
    this.holders =
        db.prepareStatement(
            "select principal_resource_type_id, principal_resource_id from "
                + C1zSchema.GRANTS
                + " where entitlement_id = ? and sync_id = ?");
    this.insert = new BatchedStatement(db, WriterSql.INSERT_EXPANDED_GRANT);
    this.updateData =
        db.prepareStatement("update " + C1zSchema.GRANTS + " set data = ? where id = ?");
    this.entitlement =
        db.prepareStatement(
            "select data from "
                + C1zSchema.ENTITLEMENTS
                + " where external_id = ? and sync_id = ?");
  }

  private void close() throws SQLException {
    for (PreparedStatement st : List.of(grantsOf, holders, updateData, entitlement)) {
      st.close();
    }
    insert.close();
  }

  /**
   * Runs the whole expansion of {@code syncId}; the caller commits.
   *
   * @param now the {@code discovered_at} text for new rows
   * @throws IOException if an expandable grant names a source entitlement of another resource than
   *     its principal (Baton fails the sync the same way), or the nesting is too deep
   */
  static Result run(Connection db, String syncId, Supplier<String> now)
      throws IOException, SQLException {
    GrantExpander expander = new GrantExpander(db, syncId, now);
    try {
      return expander.runAll();
    } finally {
      expander.close();
    }
  }

  private Result runAll() throws IOException, SQLException {
    ExpansionGraph graph = load();
    if (!graph.isEmpty()) {
      List<List<ExpansionGraph.Step>> rounds;
      try {
        rounds = graph.rounds(MAX_DEPTH);
      } catch (IllegalStateException e) {
        throw new IOException("c1z: " + e.getMessage(), e);
      }
      for (List<ExpansionGraph.Step> round : rounds) {
        for (ExpansionGraph.Step step : round) {
          expand(step);
        }
      }
      LOG.debug(
          "c1z: expanded {} edges in {} rounds: {} grants added, {} gained sources, {} edges dropped",
          graph.edgeCount(),
          rounds.size(),
          created,
          updated,
          dropped);
    }
    return new Result(created, updated, dropped);
  }

  /** Edges from the grants still marked {@code needs_expansion}, checked as Baton checks them. */
  private ExpansionGraph load() throws IOException, SQLException {
    ExpansionGraph graph = new ExpansionGraph();
    String sql =
        "select external_id, entitlement_id, principal_resource_type_id, principal_resource_id,"
            + " expansion from "
            + C1zSchema.GRANTS
            + " where sync_id = ? and expansion is not null and needs_expansion = 1 order by id";
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setString(1, syncId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String grantId = rs.getString(1);
          String destination = rs.getString(2);
          GrantExpandable expandable = parse(grantId, rs.getBytes(5));
          for (String source : expandable.getEntitlementIdsList()) {
            if (source.isBlank()) {
              continue;
            }
            Entitlement s = entitlement(source);
            if (s == null) {
              dropped++;
              continue;
            }
            ResourceId owner = s.getResource().getId();
            if (!owner.getResourceType().equals(rs.getString(3))
                || !owner.getResource().equals(rs.getString(4))) {
              throw new IOException(
                  "c1z: grant "
                      + grantId
                      + " expands from "
                      + source
                      + ", which does not belong to the grant's principal");
            }
            graph.addEdge(
                source, destination, expandable.getShallow(), expandable.getResourceTypeIdsList());
          }
        }
      }
    }
    return graph;
  }

  private static GrantExpandable parse(String grantId, byte[] bytes) throws IOException {
    try {
      return GrantExpandable.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("c1z: grant " + grantId + " has an undecodable expansion", e);
    }
  }

  /** Gives every qualifying holder of the step's source its destination. */
  private void expand(ExpansionGraph.Step step) throws IOException, SQLException {
    Entitlement destination = entitlement(step.destination());
    if (destination == null) {
      dropped++;
      return;
    }
    Set<String> held = holders(step.destination());
    long after = 0;
    while (true) {
      List<Row> page = sourcePage(step, after);
      for (Row row : page) {
        apply(step, destination, row.grant(), held);
      }
      if (page.size() < PAGE) {
        insert.flush();
        return;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /** The principals holding {@code entitlementId}, or null when there are too many to hold. */
  private Set<String> holders(String entitlementId) throws SQLException {
    Set<String> out = new HashSet<>();
    holders.setString(1, entitlementId);
    holders.setString(2, syncId);
    try (ResultSet rs = holders.executeQuery()) {
      while (rs.next()) {
        if (out.size() >= MAX_PREFETCH) {
          return null;
        }
        out.add(key(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  private static String key(String type, String id) {
    return type + '\u0000' + id;
  }

  /**
   * @param holders the destination's holders so far, kept current; null: look every principal up
   */
  private void apply(
      ExpansionGraph.Step step, Entitlement destination, Grant source, Set<String> holders)
      throws IOException, SQLException {
    if (!source.hasPrincipal()) {
      return;
    }
    Map<String, GrantSources.GrantSource> held = source.getSources().getSourcesMap();
    boolean direct = held.isEmpty() || held.containsKey(step.source());
    if (step.spec().shallow() && !direct) {
      return;
    }
    ResourceId principal = source.getPrincipal().getId();
    String key = key(principal.getResourceType(), principal.getResource());
    if (holders != null && holders.add(key)) {
      insert(newGrant(destination, source.getPrincipal(), step.source(), direct));
      created++;
      return;
    }
    insert.flush(); // the lookup must see this step's new grants
    List<Row> existing = grantsOf(step.destination(), principal);
    if (existing.isEmpty()) {
      insert(newGrant(destination, source.getPrincipal(), step.source(), direct));
      insert.flush();
      created++;
      return;
    }
    for (Row row : existing) {
      GrantSources.Builder sources = row.grant().getSources().toBuilder();
      boolean changed = false;
      if (sources.getSourcesCount() == 0) {
        sources.putSources(
            step.destination(), GrantSources.GrantSource.newBuilder().setIsDirect(true).build());
        changed = true;
      }
      GrantSources.GrantSource known = sources.getSourcesMap().get(step.source());
      if (known == null || (direct && !known.getIsDirect())) {
        sources.putSources(
            step.source(), GrantSources.GrantSource.newBuilder().setIsDirect(direct).build());
        changed = true;
      }
      if (changed) {
        updateData(row.id(), row.grant().toBuilder().setSources(sources).build());
        updated++;
      }
    }
  }

  static Grant newGrant(
      Entitlement destination, Resource principal, String sourceId, boolean direct) {
    ResourceId p = principal.getId();
    return Grant.newBuilder()
        .setEntitlement(destination)
        .setPrincipal(principal)
        .setId(destination.getId() + ":" + p.getResourceType() + ":" + p.getResource())
        .addAnnotations(IMMUTABLE)
        .setSources(
            GrantSources.newBuilder()
                .putSources(
                    sourceId, GrantSources.GrantSource.newBuilder().setIsDirect(direct).build()))
        .build();
  }

  private List<Row> sourcePage(ExpansionGraph.Step step, long afterId)
      throws IOException, SQLException {
    List<String> types = List.copyOf(step.spec().resourceTypes());
    StringBuilder sql =
        new StringBuilder(
            "select "
                + GRANT_COLUMNS
                + " from "
                + C1zSchema.GRANTS
                + " where sync_id = ? and entitlement_id = ? and id > ?");
    if (!types.isEmpty()) {
      sql.append(" and principal_resource_type_id in (")
          .append(String.join(", ", java.util.Collections.nCopies(types.size(), "?")))
          .append(")");
    }
    sql.append(" order by id limit ").append(PAGE);
    try (PreparedStatement st = db.prepareStatement(sql.toString())) {
      st.setString(1, syncId);
      st.setString(2, step.source());
      st.setLong(3, afterId);
      for (int i = 0; i < types.size(); i++) {
        st.setString(4 + i, types.get(i));
      }
      return rows(st);
    }
  }

  private List<Row> grantsOf(String entitlementId, ResourceId principal)
      throws IOException, SQLException {
    grantsOf.setString(1, syncId);
    grantsOf.setString(2, entitlementId);
    grantsOf.setString(3, principal.getResourceType());
    grantsOf.setString(4, principal.getResource());
    return rows(grantsOf);
  }

  /** Grants as Baton's reader returns them: slim rows get stubs, no GrantExpandable re-attached. */
  private List<Row> rows(PreparedStatement st) throws IOException, SQLException {
    List<Row> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Grant stored;
        try {
          stored = Grant.parseFrom(rs.getBytes(2));
        } catch (InvalidProtocolBufferException e) {
          throw new IOException("c1z: grant row " + rs.getLong(1) + " does not decode", e);
        }
        out.add(
            new Row(
                rs.getLong(1),
                ProtoRows.hydrate(
                    stored,
                    new ProtoRows.GrantColumns(
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)),
                    null)));
      }
    }
    return out;
  }

  private Entitlement entitlement(String id) throws IOException, SQLException {
    if (entitlements.containsKey(id)) {
      return entitlements.get(id);
    }
    Entitlement found = null;
    entitlement.setString(1, id);
    entitlement.setString(2, syncId);
    try (ResultSet rs = entitlement.executeQuery()) {
      if (rs.next()) {
        found = Entitlement.parseFrom(rs.getBytes(1));
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("c1z: entitlement " + id + " does not decode", e);
    }
    entitlements.put(id, found);
    return found;
  }

  /**
   * Baton's "preserve expansion" upsert: a new row has no expansion; an existing one keeps its
   * columns.
   */
  private void insert(Grant grant) throws SQLException {
    ResourceId resource = grant.getEntitlement().getResource().getId();
    ResourceId principal = grant.getPrincipal().getId();
    PreparedStatement st = insert.params();
    st.setString(1, resource.getResourceType());
    st.setString(2, resource.getResource());
    st.setString(3, grant.getEntitlement().getId());
    st.setString(4, principal.getResourceType());
    st.setString(5, principal.getResource());
    st.setString(6, grant.getId());
    st.setBytes(7, ProtoRows.deterministicBytes(grant));
    st.setString(8, syncId);
    st.setString(9, now.get());
    insert.add();
  }

  private void updateData(long rowId, Grant grant) throws SQLException {
    updateData.setBytes(1, ProtoRows.deterministicBytes(grant));
    updateData.setLong(2, rowId);
    updateData.executeUpdate();
  }
}
