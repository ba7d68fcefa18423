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
 * {@code user}: account members who accepted, keyed by {@code user.id} (the Go connector's id). The
 * membership id goes to the profile because provisioning needs it.
 */
public final class UserSyncer implements PageHandler<Member> {

  public ResourceType resourceType() {
    return ResourceTypes.USER;
  }

  /** A member is a {@code user} once accepted and holding a Cloudflare user id. */
  public static boolean isUser(Member m) {
    return m.hasStatus(Member.ACCEPTED) && m.userId() != null;
  }

  /** Pure mapper; empty for members that are not users (pending, rejected, no user id). */
  public static Optional<Resource> toResource(Member m) {
    if (!isUser(m)) {
      return Optional.empty();
    }
    Member.MemberUser u = m.user();
    String email = m.effectiveEmail();
    boolean enabled = m.hasStatus(Member.ACCEPTED);
    String statusText = Protos.titleCase(m.status());
    Struct profile =
        Protos.struct()
            .put(ProfileKeys.LOGIN, email)
            .put(ProfileKeys.EMAIL, email)
            .put(ProfileKeys.FIRST_NAME, u.firstName())
            .put(ProfileKeys.LAST_NAME, u.lastName())
            .put(ProfileKeys.STATUS, statusText)
            .put(ProfileKeys.MEMBER_ID, m.id())
            .put(ProfileKeys.USER_ID, u.id())
            .put(ProfileKeys.TWO_FACTOR, Boolean.TRUE.equals(u.twoFactorAuthenticationEnabled()))
            .put(
                ProfileKeys.MANAGED_BY,
                m.managedByPolicies()
                    ? ProfileKeys.MANAGED_BY_POLICIES
                    : ProfileKeys.MANAGED_BY_ROLES)
            .put(
                ProfileKeys.POLICY_COUNT, m.managedByPolicies() ? m.policiesOrEmpty().size() : null)
            .put(ProfileKeys.ROLE_IDS, m.rolesOrEmpty().stream().map(Role::id).sorted().toList())
            .put(
                ProfileKeys.ALLOW_POLICIES,
                PolicyText.describe(MemberPolicySyncer.policies(m), false))
            .put(
                ProfileKeys.DENY_POLICIES,
                PolicyText.describe(MemberPolicySyncer.policies(m), true))
            .build();
    UserTrait.Status.StatusValue traitStatus =
        enabled
            ? UserTrait.Status.StatusValue.STATUS_ENABLED
            : UserTrait.Status.StatusValue.STATUS_DISABLED;
    UserTrait.Builder trait =
        UserTrait.newBuilder()
            .setStatus(UserTrait.Status.newBuilder().setStatus(traitStatus).setDetails(statusText))
            .setAccountType(UserTrait.AccountType.ACCOUNT_TYPE_HUMAN)
            .setMfaStatus(
                UserTrait.MFAStatus.newBuilder()
                    .setMfaEnabled(Boolean.TRUE.equals(u.twoFactorAuthenticationEnabled())))
            .setProfile(profile);
    if (email != null) {
      trait.addEmails(UserTrait.Email.newBuilder().setAddress(email).setIsPrimary(true));
      trait.setLogin(email);
    }
    if (u.firstName() != null || u.lastName() != null) {
      UserTrait.StructuredName.Builder n = UserTrait.StructuredName.newBuilder();
      if (u.firstName() != null) {
        n.setGivenName(u.firstName());
      }
      if (u.lastName() != null) {
        n.setFamilyName(u.lastName());
      }
      trait.setStructuredName(n);
    }
    return Optional.of(
        Resource.newBuilder()
            .setId(Ids.resourceId(ResourceTypes.USER_ID, u.id()))
            .setDisplayName(displayName(u.firstName(), u.lastName(), email, u.id()))
            .setProfile(profile)
            .setStatus(
                Status.newBuilder()
                    .setStatus(
                        enabled
                            ? Status.ResourceStatus.RESOURCE_STATUS_ENABLED
                            : Status.ResourceStatus.RESOURCE_STATUS_DISABLED)
                    .setDetails(statusText))
            .addAnnotations(Protos.pack(trait.build()))
            .build());
  }

  /** "First Last", else the email, else the id: never an empty name in a review. */
  static String displayName(String first, String last, String email, String fallback) {
    String full =
        ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
    if (!full.isEmpty()) {
      return full;
    }
    return email != null && !email.isBlank() ? email : fallback;
  }

  @Override
  public void onPage(List<Member> members, RowSink sink) {
    for (Member m : members) {
      toResource(m).ifPresent(sink::resource);
    }
  }
}
