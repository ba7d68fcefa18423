package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.Status;
import dev.batoncf.pb.connector.v2.UserTrait;
import dev.batoncf.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserSyncerTest {

  @Test
  void acceptedMemberBecomesUserKeyedByUserIdWithMemberIdInProfile() throws Exception {
    Member m = Fixtures.load("member_accepted_two_roles.json", Member.class);
    Resource r = UserSyncer.toResource(m).orElseThrow();

    assertEquals("user", r.getId().getResourceType());
    assertEquals("2b4d6f8a0c1e3a5b7d9f1b3d5f7a9c1e", r.getId().getResource());
    assertEquals("Ana Ruiz", r.getDisplayName());
    assertEquals(Status.ResourceStatus.RESOURCE_STATUS_ENABLED, r.getStatus().getStatus());
    assertEquals("Accepted", r.getStatus().getDetails());
    assertEquals(
        "8c1f0a3e5b7d4e2fa1c2d3e4f5a6b7c8",
        Protos.profileString(r.getProfile(), ProfileKeys.MEMBER_ID));
    assertEquals("ana.ruiz@example.org", Protos.profileString(r.getProfile(), ProfileKeys.EMAIL));
    assertEquals("roles", Protos.profileString(r.getProfile(), ProfileKeys.MANAGED_BY));
    assertTrue(r.getProfile().getFieldsOrThrow(ProfileKeys.TWO_FACTOR).getBoolValue());

    UserTrait trait = r.getAnnotations(0).unpack(UserTrait.class);
    assertEquals("ana.ruiz@example.org", trait.getLogin());
    assertEquals("ana.ruiz@example.org", trait.getEmails(0).getAddress());
    assertTrue(trait.getEmails(0).getIsPrimary());
    assertTrue(trait.getMfaStatus().getMfaEnabled());
    assertEquals("Ana", trait.getStructuredName().getGivenName());
    assertEquals(UserTrait.Status.StatusValue.STATUS_ENABLED, trait.getStatus().getStatus());
  }

  @Test
  void policyManagedMemberIsSyncedAndMarked() {
    Member m = Fixtures.load("member_policy_managed_unicode.json", Member.class);
    Resource r = UserSyncer.toResource(m).orElseThrow();
    assertEquals("渡辺 健", r.getDisplayName());
    assertEquals("policies", Protos.profileString(r.getProfile(), ProfileKeys.MANAGED_BY));
    assertEquals(1.0, r.getProfile().getFieldsOrThrow(ProfileKeys.POLICY_COUNT).getNumberValue());
  }

  @Test
  void pendingAndRejectedMembersAreNotUsers() {
    assertFalse(
        UserSyncer.toResource(Fixtures.load("member_pending_invite_no_user_id.json", Member.class))
            .isPresent());
    assertFalse(
        UserSyncer.toResource(Fixtures.load("member_rejected.json", Member.class)).isPresent());
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "Ana,Ruiz,a@x.org,Ana Ruiz",
        "Ana,NULL,a@x.org,Ana",
        "NULL,Ruiz,a@x.org,Ruiz",
        "NULL,NULL,a@x.org,a@x.org",
        "'  ',NULL,NULL,the-id"
      },
      nullValues = "NULL")
  void displayNameFallsBackToEmailThenId(String first, String last, String email, String want) {
    assertEquals(want, UserSyncer.displayName(first, last, email, "the-id"));
  }
}
