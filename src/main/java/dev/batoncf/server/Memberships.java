package dev.batoncf.server;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.Protos;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceId;
import dev.batoncf.provision.Change;
import dev.batoncf.provision.MembershipChanges;
import java.util.Optional;

/**
 * Grant and revoke of the two memberships the connector models: a role (RoleAssignments) and an
 * Access group (GroupMembership, which names people by email). The membership id and the email
 * come from the principal the host sent, else from a snapshot of this server, else the
 * provisioning layer looks them up. Changes to one member's roles, or to one group's rules, run
 * one at a time (see {@link StripedLocks}).
 */
final class Memberships {
  private final CloudflareClient client;
  private final SnapshotCache snapshots;
  private final StripedLocks locks;

  Memberships(CloudflareClient client, SnapshotCache snapshots, StripedLocks locks) {
    this.client = client;
    this.snapshots = snapshots;
    this.locks = locks;
  }

  /** What a grant or revoke is about, from the entitlement and principal ids. */
  record Target(String resourceType, String resourceId, String principalType,
                String principalId, Resource principal) {

    static Target of(Entitlement ent, Resource principal) {
      if (ent.getId().length() > RequestChecks.MAX_ID) {
        RequestChecks.id("entitlement.id", ent.getId());
      }
      String type;
      String id;
      String slug;
      if (ent.hasResource() && ent.getResource().hasId()
          && !ent.getResource().getId().getResource().isEmpty()) {
        type = ent.getResource().getId().getResourceType();
        id = ent.getResource().getId().getResource();
        slug = ent.getSlug().isEmpty() ? Ids.MEMBER_SLUG : ent.getSlug();
      } else {
        String[] parts = Ids.parseEntitlementId(ent.getId());
        if (parts == null) {
          throw Provisioner.invalid("entitlement '" + ent.getId() + "' is not "
              + "role:<role id>:member or group:<group id>:member");
        }
        type = parts[0];
        id = parts[1];
        slug = parts[2];
      }
      if (!Ids.MEMBER_SLUG.equals(slug)) {
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
      return new Target(type, id, p.getResourceType(), p.getResource(), principal);
    }

    /** From the grant's entitlement and principal, else from its id. */
    static Target of(Grant g) {
      if (g.hasEntitlement() && g.hasPrincipal() && g.getPrincipal().hasId()
          && !g.getPrincipal().getId().getResource().isEmpty()) {
        return of(g.getEntitlement(), g.getPrincipal());
      }
      RequestChecks.id("grant.id", g.getId());
      Ids.GrantRef ref = Ids.parseGrantId(g.getId());
      if (ref == null) {
        throw Provisioner.invalid("grant needs its entitlement and principal, or an id like "
            + "role:<role id>:member:user:<user id>");
      }
      Entitlement ent = Entitlement.newBuilder().setId(ref.entitlementId()).build();
      Resource principal = Resource.newBuilder()
          .setId(Ids.resourceId(ref.principalType(), ref.principalId())).build();
      return of(ent, principal);
    }
  }

  Change apply(Target t, boolean grant) {
    // A role change rewrites the member's role set; a group change rewrites the group's rules.
    String key = ResourceTypes.GROUP_ID.equals(t.resourceType())
        ? "group:" + t.resourceId() : t.principalType() + ":" + t.principalId();
    return locks.with(key, () -> new MembershipChanges(client).apply(t.resourceType(),
        t.resourceId(), t.principalType(), t.principalId(),
        (type, id, k) -> profileOrSnapshot(t.principal(), k), grant, false));
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
