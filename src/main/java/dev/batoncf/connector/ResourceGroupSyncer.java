package dev.batoncf.connector;

import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.ResourceGroup;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code resource_group}: IAM resource groups, with one entitlement {@code
 * resource_group:<id>:<permission group id>} per permission group a policy grants on it. The list
 * gives every group; entitlements and grants come from the member and user-group policies ({@link
 * PolicyGraph}), so a group no policy uses has no entitlement.
 */
public final class ResourceGroupSyncer implements PageHandler<ResourceGroup> {
  private final PolicyGraph graph;

  ResourceGroupSyncer(PolicyGraph graph) {
    this.graph = graph;
  }

  public ResourceType resourceType() {
    return ResourceTypes.RESOURCE_GROUP;
  }

  /** Pure mapper: the scope (kind, text, raw keys) on the profile. */
  public static Resource toResource(ResourceGroup rg) {
    List<String> keys = new ArrayList<>();
    rg.scopes().forEach(s -> s.objects().forEach(o -> keys.add(s.key() + " / " + o)));
    Struct profile =
        Protos.struct()
            .put(ProfileKeys.RESOURCE_GROUP_ID, rg.id())
            .put(ProfileKeys.NAME, rg.name())
            .put(ProfileKeys.SCOPE_KIND, PolicyText.kind(rg))
            .put(ProfileKeys.SCOPE, PolicyText.scope(rg))
            .put(ProfileKeys.SCOPE_KEYS, keys.isEmpty() ? null : keys)
            .build();
    return Resource.newBuilder()
        .setId(Ids.resourceId(ResourceTypes.RESOURCE_GROUP_ID, rg.id()))
        .setDisplayName(rg.name() != null && !rg.name().isBlank() ? rg.name() : rg.id())
        .setDescription(PolicyText.kind(rg) + " scope: " + PolicyText.scope(rg))
        .setProfile(profile)
        .build();
  }

  /** {@code resource_group:<rg>:<pg>}, "<permission group> on <scope>", slug the pg id. */
  public static Entitlement entitlement(ResourceGroup rg, Policy.PermissionGroupRef pg) {
    String name = PolicyText.grantName(pg, rg);
    return Entitlement.newBuilder()
        .setResource(
            Resource.newBuilder()
                .setId(Ids.resourceId(ResourceTypes.RESOURCE_GROUP_ID, rg.id()))
                .setDisplayName(rg.name() != null && !rg.name().isBlank() ? rg.name() : rg.id()))
        .setId(Ids.entitlementId(ResourceTypes.RESOURCE_GROUP_ID, rg.id(), pg.id()))
        .setDisplayName(name)
        .setDescription(
            "Permission group "
                + PolicyText.permissionGroup(pg)
                + " ("
                + pg.id()
                + ") on "
                + PolicyText.scope(rg)
                + ", granted by an allow policy")
        .addGrantableTo(ResourceTypes.ref(ResourceTypes.USER))
        .addGrantableTo(ResourceTypes.ref(ResourceTypes.USER_GROUP))
        .setPurpose(Entitlement.PurposeValue.PURPOSE_VALUE_PERMISSION)
        .setSlug(pg.id())
        .build();
  }

  /**
   * The grant of {@code resource_group:<rg>:<pg>} to a user, or to a user group with {@code
   * GrantExpandable} over {@code user_group:<id>:member}, so the group's members get it through
   * Baton's expansion (and a reviewer sees the group as the reason).
   */
  public static Grant grant(String rgId, String pgId, String principalType, String principalId) {
    String ent = Ids.entitlementId(ResourceTypes.RESOURCE_GROUP_ID, rgId, pgId);
    Grant.Builder b =
        Grant.newBuilder()
            .setEntitlement(
                Entitlement.newBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .setId(Ids.resourceId(ResourceTypes.RESOURCE_GROUP_ID, rgId)))
                    .setId(ent)
                    .setSlug(pgId))
            .setPrincipal(Resource.newBuilder().setId(Ids.resourceId(principalType, principalId)))
            .setId(Ids.grantId(ent, principalType, principalId));
    if (ResourceTypes.USER_GROUP_ID.equals(principalType)) {
      b.addAnnotations(
          Protos.pack(
              GrantExpandable.newBuilder()
                  .addEntitlementIds(
                      Ids.entitlementId(ResourceTypes.USER_GROUP_ID, principalId, Ids.MEMBER_SLUG))
                  .build()));
    }
    return b.build();
  }

  @Override
  public void onPage(List<ResourceGroup> groups, RowSink sink) {
    groups.forEach(rg -> graph.resourceGroup(rg, sink));
  }
}
