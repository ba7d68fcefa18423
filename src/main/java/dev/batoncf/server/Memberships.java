package dev.batoncf.server;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.Protos;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.connector.ScimGroups;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.provision.Change;
import dev.batoncf.provision.MembershipChanges;
import java.util.Optional;

/**
 * Grant and revoke of the two memberships the connector models: a role (RoleAssignments) and an
 * Access group (GroupMembership, which names people by email). The membership id and the email come
 * from the principal the host sent, else from a snapshot of this server, else the provisioning
 * layer looks them up. Changes to one member's roles, or to one group's rules, run one at a time
 * (see {@link StripedLocks}).
 */
final class Memberships {
  private final CloudflareClient client;
  private final SnapshotCache snapshots;
  private final StripedLocks locks;
  private final ScimGroups scim;

  Memberships(
      CloudflareClient client, SnapshotCache snapshots, StripedLocks locks, ScimGroups scim) {
    this.client = client;
    this.scim = scim;
    this.snapshots = snapshots;
    this.locks = locks;
  }

  /**
   * What a grant or revoke is about, from the entitlement and principal ids. Every place the
   * request names the same thing must agree (the entitlement's id and its resource and slug, a
   * grant's id and its entitlement and principal); a request that contradicts itself is
   * INVALID_ARGUMENT and never acted on.
   */
  record Target(
      String resourceType,
      String resourceId,
      String principalType,
      String principalId,
      Resource principal,
      String slug) {

    static Target of(Entitlement ent, Resource principal) {
      if (ent.getId().length() > RequestChecks.MAX_ID) {
        RequestChecks.id("entitlement.id", ent.getId());
      }
      String[] fromId = ent.getId().isEmpty() ? null : Ids.parseEntitlementId(ent.getId());
      if (!ent.getId().isEmpty() && fromId == null) {
        throw notAnEntitlement(ent.getId());
      }
      String type;
      String id;
      String slug;
      if (ent.hasResource()
          && ent.getResource().hasId()
          && !ent.getResource().getId().getResource().isEmpty()) {
        type = ent.getResource().getId().getResourceType();
        id = ent.getResource().getId().getResource();
        slug =
            ent.getSlug().isEmpty()
                ? (fromId != null ? fromId[2] : Ids.MEMBER_SLUG)
                : ent.getSlug();
        if (fromId != null && (!fromId[0].equals(type) || !fromId[1].equals(id))) {
          throw Provisioner.invalid(
              "entitlement id '"
                  + ent.getId()
                  + "' names "
                  + fromId[0]
                  + ":"
                  + fromId[1]
                  + " but its resource is "
                  + type
                  + ":"
                  + id);
        }
        if (fromId != null && !fromId[2].equals(slug)) {
          throw Provisioner.invalid(
              "entitlement id '"
                  + ent.getId()
                  + "' has slug '"
                  + fromId[2]
                  + "' but the entitlement's slug is '"
                  + slug
                  + "'");
        }
      } else if (fromId != null) {
        type = fromId[0];
        id = fromId[1];
        slug = fromId[2];
        if (!ent.getSlug().isEmpty() && !ent.getSlug().equals(slug)) {
          throw Provisioner.invalid(
              "entitlement id '"
                  + ent.getId()
                  + "' has slug '"
                  + slug
                  + "' but the entitlement's slug is '"
                  + ent.getSlug()
                  + "'");
        }
      } else {
        throw notAnEntitlement(ent.getId());
      }
      if (!Ids.MEMBER_SLUG.equals(slug) && !ResourceTypes.RESOURCE_GROUP_ID.equals(type)) {
        throw Provisioner.invalid("only the '" + Ids.MEMBER_SLUG + "' entitlement can be granted");
      }
      RequestChecks.typeId("entitlement resource type", type);
      RequestChecks.id("entitlement resource id", id);
      ResourceId p = principal.getId();
      if (p.getResourceType().isEmpty() || p.getResource().isEmpty()) {
        throw Provisioner.invalid("principal needs a resource type and id");
      }
      RequestChecks.typeId("principal.id.resource_type", p.getResourceType());
      RequestChecks.id("principal.id.resource", p.getResource());
      if (!Ids.MEMBER_SLUG.equals(slug)) {
        RequestChecks.id("entitlement slug", slug);
      }
      return new Target(type, id, p.getResourceType(), p.getResource(), principal, slug);
    }

    /** From the grant's entitlement and principal, else from its id; both must agree. */
    static Target of(Grant g) {
      if (g.getId().length() > RequestChecks.MAX_ID) {
        RequestChecks.id("grant.id", g.getId());
      }
      Ids.GrantRef ref = g.getId().isEmpty() ? null : Ids.parseGrantId(g.getId());
      if (!g.getId().isEmpty() && ref == null) {
        throw Provisioner.invalid(
            "grant id '"
                + g.getId()
                + "' is not "
                + "<entitlement id>:<principal type>:<principal id>, e.g. "
                + "role:<role id>:member:user:<user id>");
      }
      if (g.hasEntitlement()
          && g.hasPrincipal()
          && g.getPrincipal().hasId()
          && !g.getPrincipal().getId().getResource().isEmpty()) {
        Target t = of(g.getEntitlement(), g.getPrincipal());
        if (ref != null
            && (!ref.resourceType().equals(t.resourceType())
                || !ref.resourceId().equals(t.resourceId())
                || !ref.slug().equals(t.slug())
                || !ref.principalType().equals(t.principalType())
                || !ref.principalId().equals(t.principalId()))) {
          throw Provisioner.invalid(
              "grant id '"
                  + g.getId()
                  + "' does not match its "
                  + "entitlement and principal ("
                  + Ids.grantId(
                      Ids.entitlementId(t.resourceType(), t.resourceId(), t.slug()),
                      t.principalType(),
                      t.principalId())
                  + ")");
        }
        return t;
      }
      if (ref == null) {
        throw Provisioner.invalid(
            "grant needs its entitlement and principal, or an id like "
                + "role:<role id>:member:user:<user id>");
      }
      Entitlement ent = Entitlement.newBuilder().setId(ref.entitlementId()).build();
      Resource principal =
          Resource.newBuilder()
              .setId(Ids.resourceId(ref.principalType(), ref.principalId()))
              .build();
      return of(ent, principal);
    }

    private static RuntimeException notAnEntitlement(String id) {
      return Provisioner.invalid(
          "entitlement '"
              + id
              + "' is not "
              + "role:<role id>:member, group:<group id>:member, user_group:<id>:member or "
              + "resource_group:<id>:<permission group id>");
    }
  }

  Change apply(Target t, boolean grant) {
    // A role change rewrites the member's role set; a group change rewrites the group's rules.
    // A policy change rewrites the member's policies; a user-group change is one membership.
    String key =
        ResourceTypes.GROUP_ID.equals(t.resourceType())
            ? "group:" + t.resourceId()
            : t.principalType() + ":" + t.principalId();
    return locks.with(
        key,
        () ->
            new MembershipChanges(client, scim)
                .apply(
                    t.resourceType(),
                    t.resourceId(),
                    t.slug(),
                    t.principalType(),
                    t.principalId(),
                    (type, id, k) -> profileOrSnapshot(t.principal(), k),
                    grant,
                    false));
  }

  /** A profile value of a resource as some snapshot of this server has it, or null. */
  String hint(ResourceId id, String key) {
    Optional<Resource> r = snapshots.anyResource(id);
    return r.map(x -> Protos.profileString(x.getProfile(), key)).orElse(null);
  }

  private String profileOrSnapshot(Resource principal, String key) {
    String v = Protos.profileString(principal.getProfile(), key);
    return v != null ? v : hint(principal.getId(), key);
  }
}
