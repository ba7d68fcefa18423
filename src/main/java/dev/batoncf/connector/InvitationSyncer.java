package dev.batoncf.connector;

import com.google.protobuf.Struct;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Role;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import dev.batoncf.pb.connector.v2.Status;
import dev.batoncf.pb.connector.v2.UserTrait;
import java.util.List;
import java.util.Optional;

/**
 * {@code invitation}: pending members, keyed by the membership id because {@code user.id} may be
 * empty until the invite is accepted (Go connector compatible). Deleting one cancels the invite.
 */
public final class InvitationSyncer implements PageHandler<Member> {

  public ResourceType resourceType() {
    return ResourceTypes.INVITATION;
  }

  /** Pure mapper; empty for anything but a pending membership. */
  public static Optional<Resource> toResource(Member m) {
    if (!m.hasStatus(Member.PENDING) || m.id() == null) {
      return Optional.empty();
    }
    String email = m.effectiveEmail();
    String statusText = Protos.titleCase(m.status());
    Struct profile =
        Protos.struct()
            .put(ProfileKeys.EMAIL, email)
            .put(ProfileKeys.STATUS, statusText)
            .put(ProfileKeys.MEMBER_ID, m.id())
            .put(ProfileKeys.USER_ID, m.userId())
            .put(ProfileKeys.ROLE_IDS, m.rolesOrEmpty().stream().map(Role::id).sorted().toList())
            .put(
                ProfileKeys.ROLE_NAMES,
                m.rolesOrEmpty().stream().map(Role::name).filter(n -> n != null).sorted().toList())
            .build();
    UserTrait.Builder trait =
        UserTrait.newBuilder()
            .setStatus(
                UserTrait.Status.newBuilder()
                    .setStatus(UserTrait.Status.StatusValue.STATUS_ENABLED)
                    .setDetails(statusText))
            .setAccountType(UserTrait.AccountType.ACCOUNT_TYPE_HUMAN)
            .setProfile(profile);
    if (email != null) {
      trait.addEmails(UserTrait.Email.newBuilder().setAddress(email).setIsPrimary(true));
      trait.setLogin(email);
    }
    return Optional.of(
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.INVITATION_ID, m.id()))
            .setDisplayName(email != null ? email : m.id())
            .setProfile(profile)
            .setStatus(
                Status.newBuilder()
                    .setStatus(Status.ResourceStatus.RESOURCE_STATUS_ENABLED)
                    .setDetails(statusText))
            .addAnnotations(Protos.pack(trait.build()))
            .build());
  }

  @Override
  public void onPage(List<Member> members, RowSink sink) {
    for (Member m : members) {
      toResource(m).ifPresent(sink::resource);
    }
  }
}
