package dev.batoncf.review;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.GrantFilter;
import dev.batoncf.c1z.SyncRun;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.review.IdentityDraft.AccessDraft;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link AccessReview} from one sync. Rows are streamed from the file; what is kept is
 * one small draft per principal and one entry per grant, so a 100,000-member sync fits a 256 MB
 * heap. Any entitlement type shows up, labelled with its name from the file, because the review is
 * built from the grants table rather than from a list of known types.
 */
public final class AccessReviewReader {
  private final ReviewRules rules;
  private final ZoneId zone;

  private final Map<String, ResourceType> types = new HashMap<>();
  private final Map<String, IdentityDraft> identities = new HashMap<>();

  /** Resources that are not listed as identities (roles, groups, …), by {@code type:id}. */
  private final Map<String, Resource> others = new HashMap<>();

  private final Map<String, EntitlementRef> entitlements = new HashMap<>();
  private final List<Expansion> expansions = new ArrayList<>();

  /** One instance per distinct status or risk text ("Accepted", "high"), not one per row. */
  private final Map<String, String> canon = new HashMap<>();

  /** A GrantExpandable grant: holders of {@code sources} also hold {@code target}. */
  private record Expansion(
      EntitlementRef target,
      String principalKey,
      List<String> sources,
      boolean shallow,
      Set<String> principalTypes) {}

  private AccessReviewReader(ReviewRules rules, ZoneId zone) {
    this.rules = rules;
    this.zone = zone;
  }

  /**
   * Reviews the selected sync of {@code current}. Earlier syncs, in the same file or in {@code
   * earlierFiles}, only serve to date pending invitations.
   *
   * @param source the file name the review names
   * @param zone the zone the file's sync times were read in ({@link C1zReader} uses the system's)
   */
  public static AccessReview read(
      C1zReader current, String source, List<Path> earlierFiles, ReviewRules rules, ZoneId zone)
      throws IOException {
    return new AccessReviewReader(rules, zone).review(current, source, earlierFiles);
  }

  private AccessReview review(C1zReader current, String source, List<Path> earlierFiles)
      throws IOException {
    SyncRun sync = current.sync();
    InvitationHistory history = history(current, earlierFiles);
    current.forEachResourceType(t -> types.put(t.getId(), t));
    current.forEachResource(null, this::resource);
    current.forEachEntitlement(null, null, e -> entitlements.put(e.getId(), ref(e)));
    current.forEachGrant(GrantFilter.any(), this::grant);
    invitedRoles();
    expand();
    Flagger flagger = new Flagger(rules);
    List<Identity> frozen = new ArrayList<>(identities.size());
    // Each draft is dropped as soon as it is frozen: the two never fill the heap together.
    for (var it = identities.values().iterator(); it.hasNext(); ) {
      IdentityDraft d = it.next();
      it.remove();
      if (ResourceTypes.INVITATION_ID.equals(d.type)) {
        d.pendingSince = history.pendingSince(d.id);
        d.details.put("pending_since", Dates.day(d.pendingSince) + " or earlier");
      }
      frozen.add(d.freeze(flagger.flags(d)));
    }
    List<Principal> principals = Principals.link(frozen, this::linkable);
    return new AccessReview(
        source,
        sync.syncId(),
        instant(sync.startedAt()),
        instant(sync.endedAt()),
        rules,
        history.syncs() - 1,
        principals,
        AccessReview.Summary.of(principals));
  }

  /** Invitations of the file's other syncs and of the earlier files, then of this sync. */
  private InvitationHistory history(C1zReader current, List<Path> earlierFiles) throws IOException {
    InvitationHistory h = new InvitationHistory();
    SyncRun selected = current.sync();
    Instant start = instant(selected.startedAt());
    for (SyncRun run : current.syncRuns()) {
      if (run.finished() && !run.syncId().equals(selected.syncId()) && before(run, start)) {
        current.selectSync(run.syncId());
        h.add(current, instant(run.startedAt()));
      }
    }
    current.selectSync(selected.syncId());
    for (Path p : earlierFiles) {
      try (C1zReader earlier = C1zReader.open(p)) {
        for (SyncRun run : earlier.syncRuns()) {
          if (run.finished() && before(run, start)) {
            earlier.selectSync(run.syncId());
            h.add(earlier, instant(run.startedAt()));
          }
        }
      }
    }
    h.add(current, start);
    return h;
  }

  private boolean before(SyncRun run, Instant start) {
    Instant s = instant(run.startedAt());
    return s != null && start != null && s.isBefore(start);
  }

  private void resource(Resource r) {
    String type = r.getId().getResourceType();
    String key = type + ":" + r.getId().getResource();
    if (listed(type)) {
      identities.put(key, IdentityReader.read(r, typeName(type), canon));
    } else {
      others.put(key, r);
    }
  }

  /** People and secrets are always listed; other resources only when they hold a grant. */
  private boolean listed(String type) {
    ResourceType t = types.get(type);
    if (t != null
        && (t.getTraitsList().contains(ResourceType.Trait.TRAIT_USER)
            || t.getTraitsList().contains(ResourceType.Trait.TRAIT_SECRET))) {
      return true;
    }
    return type.equals(ResourceTypes.USER_ID)
        || type.equals(ResourceTypes.INVITATION_ID)
        || type.equals(ResourceTypes.ACCESS_USER_ID)
        || type.equals(ResourceTypes.API_TOKEN_ID);
  }

  /** Identities of user-like types are linked by email into one person. */
  private boolean linkable(Identity i) {
    ResourceType t = types.get(i.type());
    if (t != null && t.getTraitsList().contains(ResourceType.Trait.TRAIT_USER)) {
      return true;
    }
    return i.type().equals(ResourceTypes.USER_ID)
        || i.type().equals(ResourceTypes.INVITATION_ID)
        || i.type().equals(ResourceTypes.ACCESS_USER_ID);
  }

  private String typeName(String type) {
    ResourceType t = types.get(type);
    return Wording.identityTypeName(type, t == null ? null : t.getDisplayName());
  }

  private String resourceTypeName(String type) {
    ResourceType t = types.get(type);
    return t == null || t.getDisplayName().isBlank() ? type : t.getDisplayName();
  }

  private String resourceName(String type, String id, String fallback) {
    String key = type + ":" + id;
    Resource r = others.get(key);
    if (r != null && !r.getDisplayName().isBlank()) {
      return r.getDisplayName();
    }
    IdentityDraft d = identities.get(key);
    if (d != null) {
      return d.name;
    }
    return fallback == null || fallback.isBlank() ? id : fallback;
  }

  private EntitlementRef ref(Entitlement e) {
    String type = e.getResource().getId().getResourceType();
    String id = e.getResource().getId().getResource();
    if (type.isEmpty()) {
      String[] parts = Ids.parseEntitlementId(e.getId());
      type = parts == null ? "" : parts[0];
      id = parts == null ? e.getId() : parts[1];
    }
    String name = resourceName(type, id, e.getResource().getDisplayName());
    String typeName = resourceTypeName(type);
    return new EntitlementRef(
        e.getId(),
        e.getDisplayName(),
        type,
        typeName,
        id,
        name,
        Wording.holding(type, name, e.getDisplayName(), e.getSlug(), typeName));
  }

  /** An entitlement the grants name but the entitlements table lacks: described from its id. */
  private EntitlementRef stub(String entitlementId) {
    return entitlements.computeIfAbsent(
        entitlementId,
        id -> {
          String[] p = Ids.parseEntitlementId(id);
          Entitlement.Builder b = Entitlement.newBuilder().setId(id);
          if (p != null) {
            b.setSlug(p[2])
                .getResourceBuilder()
                .getIdBuilder()
                .setResourceType(p[0])
                .setResource(p[1]);
          }
          return ref(b.build());
        });
  }

  private void grant(Grant g) {
    String entId = g.getEntitlement().getId();
    EntitlementRef ref = entitlements.containsKey(entId) ? entitlements.get(entId) : stub(entId);
    String ptype = g.getPrincipal().getId().getResourceType();
    String pid = g.getPrincipal().getId().getResource();
    IdentityDraft holder = principal(ptype, pid);
    AccessDraft a = holder.access(ref);
    // Baton's expander marks a grant it derived with its source entitlements; a grant that was
    // also direct keeps its own entitlement among the sources.
    Map<String, ?> sources = g.getSources().getSourcesMap();
    if (sources.isEmpty() || sources.containsKey(entId)) {
      a.direct = true;
    }
    a.granted = true;
    if (!g.getId().equals(Ids.grantId(entId, ptype, pid))) {
      a.unusualGrantId = g.getId();
    }
    for (String s : sources.keySet()) {
      if (!s.equals(entId)) {
        a.addVia(entitlements.containsKey(s) ? entitlements.get(s) : stub(s));
      }
    }
    // A damaged annotation reads as none: the grant itself is still shown.
    ResourceView.annotation(g.getAnnotationsList(), GrantExpandable.getDefaultInstance())
        .ifPresent(
            ge ->
                expansions.add(
                    new Expansion(
                        ref,
                        holder.key(),
                        List.copyOf(ge.getEntitlementIdsList()),
                        ge.getShallow(),
                        Set.copyOf(ge.getResourceTypeIdsList()))));
  }

  /** The identity a grant names; a group (or any resource) becomes one when it holds a grant. */
  private IdentityDraft principal(String type, String id) {
    String key = type + ":" + id;
    IdentityDraft d = identities.get(key);
    if (d == null) {
      Resource r = others.get(key);
      if (r == null) {
        r = Resource.newBuilder().setId(Ids.resourceId(type, id)).build();
      }
      d = IdentityReader.read(r, typeName(type), canon);
      identities.put(key, d);
    }
    return d;
  }

  /** A pending invitation's roles: shown as access that applies once it is accepted. */
  private void invitedRoles() {
    for (IdentityDraft d : identities.values()) {
      for (String roleId : d.invitedRoleIds) {
        String entId = Ids.entitlementId(ResourceTypes.ROLE_ID, roleId, Ids.MEMBER_SLUG);
        AccessDraft a =
            d.access(entitlements.containsKey(entId) ? entitlements.get(entId) : stub(entId));
        a.invited = true;
      }
    }
  }

  /** Inherited access, to a fixed point (nested groups may nest again, or form a cycle). */
  private void expand() {
    if (expansions.isEmpty()) {
      return;
    }
    Map<String, java.util.LinkedHashSet<IdentityDraft>> holders = new HashMap<>();
    expansions.forEach(
        e -> e.sources().forEach(s -> holders.put(s, new java.util.LinkedHashSet<>())));
    for (IdentityDraft d : identities.values()) {
      for (AccessDraft a : d.access) {
        var set = holders.get(a.entitlement.id());
        if (set != null) {
          set.add(d);
        }
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Expansion e : expansions) {
        for (String source : e.sources()) {
          EntitlementRef sourceRef =
              entitlements.containsKey(source) ? entitlements.get(source) : stub(source);
          for (IdentityDraft h : List.copyOf(holders.get(source))) {
            // Never "a member of itself": a cycle of nested groups leads back to the group.
            if (h.key().equals(e.principalKey())
                || h.key().equals(e.target().resourceType() + ":" + e.target().resourceId())
                || (!e.principalTypes().isEmpty() && !e.principalTypes().contains(h.type))
                || (e.shallow() && !h.access(sourceRef).direct)) {
              continue;
            }
            if (h.access(e.target()).addVia(sourceRef)) {
              changed = true;
              var next = holders.get(e.target().id());
              if (next != null) {
                next.add(h);
              }
            }
          }
        }
      }
    }
  }

  private Instant instant(LocalDateTime t) {
    return t == null ? null : t.atZone(zone).toInstant();
  }
}
