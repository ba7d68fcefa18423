package dev.batoncf.connector;

import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.IamClient;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.UserGroup;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.GroupTrait;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code user_group}: IAM user groups with entitlement {@code user_group:<id>:member}. The group
 * list carries each group's policies, whose allow grants go to the group (expanded to its members
 * by Baton); the members come from one members list per group, read after the account members so
 * that each account-member id maps to its user ({@link #memberFeeds}). Memberships of SCIM-managed
 * groups carry {@code GrantImmutable}.
 */
public final class UserGroupSyncer implements PageHandler<UserGroup> {
  static final String USER_GROUP_MEMBERS = "user group members";

  /** {@code GrantImmutable.source_id} of memberships the identity provider owns. */
  public static final String SCIM_SOURCE = "scim";

  private final PolicyGraph graph;

  UserGroupSyncer(PolicyGraph graph) {
    this.graph = graph;
  }

  public ResourceType resourceType() {
    return ResourceTypes.USER_GROUP;
  }

  /** Pure mapper: name, dates, SCIM ownership and the group's policies (deny ones included). */
  public static Resource toResource(UserGroup g, ScimGroups scim) {
    String scimReason = scim.reason(g.name());
    Struct profile =
        Protos.struct()
            .put(ProfileKeys.USER_GROUP_ID, g.id())
            .put(ProfileKeys.NAME, g.name())
            .put(ProfileKeys.CREATED_ON, g.createdOn())
            .put(ProfileKeys.MODIFIED_ON, g.modifiedOn())
            .put(ProfileKeys.SCIM_MANAGED, scimReason != null)
            .put(ProfileKeys.SCIM_REASON, scimReason)
            .put(ProfileKeys.ALLOW_POLICIES, PolicyText.describe(g.policiesOrEmpty(), false))
            .put(ProfileKeys.DENY_POLICIES, PolicyText.describe(g.policiesOrEmpty(), true))
            .build();
    return Resource.newBuilder()
        .setId(Ids.resourceId(ResourceTypes.USER_GROUP_ID, g.id()))
        .setDisplayName(g.name() != null && !g.name().isBlank() ? g.name() : g.id())
        .setProfile(profile)
        .addAnnotations(Protos.pack(GroupTrait.newBuilder().setProfile(profile).build()))
        .build();
  }

  /** {@code user_group:<id>:member}, grantable to users. */
  public static Entitlement entitlement(Resource group) {
    boolean scim =
        group.getProfile().getFieldsMap().containsKey(ProfileKeys.SCIM_MANAGED)
            && group.getProfile().getFieldsOrThrow(ProfileKeys.SCIM_MANAGED).getBoolValue();
    return Entitlement.newBuilder()
        .setResource(
            Resource.newBuilder().setId(group.getId()).setDisplayName(group.getDisplayName()))
        .setId(
            Ids.entitlementId(
                ResourceTypes.USER_GROUP_ID, group.getId().getResource(), Ids.MEMBER_SLUG))
        .setDisplayName(group.getDisplayName() + " User Group Member")
        .setDescription(
            "Member of the IAM user group "
                + group.getDisplayName()
                + " (inherits its policies)"
                + (scim ? "; managed by the identity provider (SCIM)" : ""))
        .addGrantableTo(ResourceTypes.ref(ResourceTypes.USER))
        .setPurpose(Entitlement.PurposeValue.PURPOSE_VALUE_ASSIGNMENT)
        .setSlug(Ids.MEMBER_SLUG)
        .build();
  }

  /** The membership grant; immutable (owned by the IdP) for a SCIM-managed group. */
  public static Grant memberGrant(String groupId, String userId, boolean scimManaged) {
    Grant.Builder b =
        Grants.member(ResourceTypes.USER_GROUP_ID, groupId, ResourceTypes.USER_ID, userId);
    if (scimManaged) {
      b.addAnnotations(Protos.pack(GrantImmutable.newBuilder().setSourceId(SCIM_SOURCE).build()));
    }
    return b.build();
  }

  @Override
  public void onPage(List<UserGroup> groups, RowSink sink) {
    for (UserGroup g : groups) {
      if (g.id() == null || graph.userGroups().containsKey(g.id())) {
        continue;
      }
      graph.userGroup(g.id(), g.name(), g.policiesOrEmpty());
      Resource r = toResource(g, graph.scim());
      sink.resource(r);
      sink.entitlement(entitlement(r));
      List<Policy> allow = g.policiesOrEmpty().stream().filter(Policy::allows).toList();
      graph.allowGrants(allow, ResourceTypes.USER_GROUP_ID, g.id(), sink);
    }
  }

  /**
   * Handler for the account-member pass: remembers each user's member id, then asks for one members
   * list per user group once every member is known.
   */
  PageHandler<Member> afterMembers(IamClient iam) {
    return new PageHandler<>() {
      @Override
      public void onPage(List<Member> members, RowSink sink) {
        for (Member m : members) {
          if (UserSyncer.isUser(m) && m.id() != null) {
            graph.member(m.id(), m.userId());
          }
        }
      }

      @Override
      public List<Feed<?>> followUps() {
        return memberFeeds(iam);
      }
    };
  }

  /** One feed per user group, each its members list at the largest page. */
  List<Feed<?>> memberFeeds(IamClient iam) {
    List<Feed<?>> feeds = new ArrayList<>();
    for (Map.Entry<String, String> g : graph.userGroups().entrySet()) {
      String groupId = g.getKey();
      boolean scim = graph.scim().managed(g.getValue());
      PageHandler<UserGroup.Member> handler =
          (members, sink) -> {
            for (UserGroup.Member m : members) {
              String userId = m.id() == null ? null : graph.userId(m.id());
              // Pending members are no users yet; they get the membership once they accept.
              if (userId != null) {
                sink.grant(memberGrant(groupId, userId, scim));
              }
            }
          };
      feeds.add(
          new Feed<>(
              USER_GROUP_MEMBERS,
              IamClient.USER_GROUP_MAX_PAGE,
              (page, perPage) -> iam.userGroupMembers(groupId, page, perPage),
              List.of(handler),
              Feed.WhenUnavailable.SKIP_WITH_WARNING,
              ResourceTypes.ACCOUNT_SETTINGS_READ));
    }
    return feeds;
  }
}
