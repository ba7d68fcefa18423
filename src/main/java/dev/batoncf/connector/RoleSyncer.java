package dev.batoncf.connector;

import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Role;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.RoleTrait;
import dev.batoncf.pb.connector.v2.V1Identifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code role}: account roles with entitlement {@code role:<id>:member}. Every role grant comes
 * from the single member pass ({@link #grantsFromMembers()}), never from a scan per role. One
 * instance per sync: it remembers which roles it emitted so none is emitted twice.
 */
public final class RoleSyncer implements PageHandler<Role> {
  private static final Logger log = LoggerFactory.getLogger(RoleSyncer.class);

  public static final String SUPER_ADMIN_ID = Role.SUPER_ADMINISTRATOR_ID;
  public static final String SUPER_ADMIN_NAME = Role.SUPER_ADMINISTRATOR_NAME;

  private final Set<String> emitted = new HashSet<>();

  public ResourceType resourceType() {
    return ResourceTypes.ROLE;
  }

  /** Pure mapper. */
  public static Resource toResource(Role role) {
    Struct profile =
        Protos.struct()
            .put(ProfileKeys.ROLE_ID, role.id())
            .put(ProfileKeys.ROLE_NAME, role.name())
            .put(ProfileKeys.PERMISSIONS, role.permissionList())
            .build();
    Resource.Builder b =
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.ROLE_ID, role.id()))
            .setDisplayName(role.name() != null ? role.name() : role.id())
            .setProfile(profile)
            .addAnnotations(Protos.pack(RoleTrait.newBuilder().setProfile(profile).build()));
    if (role.description() != null) {
      b.setDescription(truncate(role.description(), 2048));
    }
    return b.build();
  }

  /** The role's only entitlement, {@code role:<id>:member}, grantable to users. */
  public static Entitlement entitlement(Resource role) {
    String name = role.getDisplayName();
    return Entitlement.newBuilder()
        .setResource(slim(role))
        .setId(
            Ids.entitlementId(ResourceTypes.ROLE_ID, role.getId().getResource(), Ids.MEMBER_SLUG))
        .setDisplayName(name + " Member Role")
        .setDescription("Has the " + name + " role in Cloudflare")
        .addGrantableTo(ResourceTypes.ref(ResourceTypes.USER))
        .setPurpose(Entitlement.PurposeValue.PURPOSE_VALUE_ASSIGNMENT)
        .setSlug(Ids.MEMBER_SLUG)
        .build();
  }

  /** One grant per role the member holds; only accepted users are principals. */
  public static List<Grant> grants(Member m) {
    if (!UserSyncer.isUser(m)) {
      return List.of();
    }
    return m.rolesOrEmpty().stream()
        .filter(r -> r.id() != null)
        .map(r -> r.id())
        .distinct()
        .map(
            roleId ->
                Grants.member(ResourceTypes.ROLE_ID, roleId, ResourceTypes.USER_ID, m.userId())
                    // Go connector's legacy id, kept so ConductorOne can match old grants.
                    .addAnnotations(
                        Protos.pack(
                            V1Identifier.newBuilder()
                                .setId("grant:membership:" + roleId + ":" + m.id())
                                .build()))
                    .build())
        .toList();
  }

  @Override
  public void onPage(List<Role> roles, RowSink sink) {
    for (Role role : roles) {
      emit(role, false, sink);
    }
  }

  @Override
  public void onEnd(RowSink sink) {
    if (!emitted.contains(SUPER_ADMIN_ID)) {
      emit(
          new Role(
              SUPER_ADMIN_ID,
              SUPER_ADMIN_NAME,
              "Can edit any Cloudflare setting, make purchases, update billing, and manage memberships.",
              null),
          true,
          sink);
    }
  }

  /**
   * For a role carried over from the previous sync: marks it emitted and says whether the caller
   * must write it (true: neither the roles list nor a member read in this sync had it).
   */
  public boolean adopt(String roleId) {
    return emitted.add(roleId);
  }

  /** Handler for the member pass: role grants, plus any role the roles list did not return. */
  public PageHandler<Member> grantsFromMembers() {
    return (members, sink) -> {
      for (Member m : members) {
        if (!UserSyncer.isUser(m)) {
          continue;
        }
        for (Role r : m.rolesOrEmpty()) {
          if (r.id() != null && !emitted.contains(r.id())) {
            log.warn(
                "role {} ({}) is held by a member but was not in the roles list; adding it",
                r.id(),
                r.name());
            emit(r, true, sink);
          }
        }
        grants(m).forEach(sink::grant);
      }
    };
  }

  private void emit(Role role, boolean synthetic, RowSink sink) {
    if (role.id() == null || !emitted.add(role.id())) {
      return;
    }
    Resource r = toResource(role);
    if (synthetic) {
      r =
          r.toBuilder()
              .setProfile(
                  r.getProfile().toBuilder()
                      .putFields(
                          ProfileKeys.SYNTHETIC,
                          com.google.protobuf.Value.newBuilder().setBoolValue(true).build()))
              .build();
    }
    sink.resource(r);
    sink.entitlement(entitlement(r));
  }

  private static Resource slim(Resource r) {
    return Resource.newBuilder().setId(r.getId()).setDisplayName(r.getDisplayName()).build();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
