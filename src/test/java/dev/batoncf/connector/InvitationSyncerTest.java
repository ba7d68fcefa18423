package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.support.Fixtures;
import org.junit.jupiter.api.Test;

class InvitationSyncerTest {

  @Test
  void pendingInviteWithoutUserIdIsKeyedByMembershipIdAndUsesUserEmail() {
    Member m = Fixtures.load("member_pending_invite_no_user_id.json", Member.class);
    Resource r = InvitationSyncer.toResource(m).orElseThrow();
    assertEquals("invitation", r.getId().getResourceType());
    assertEquals("a0a0a0a0b1b1b1b1c2c2c2c2d3d3d3d3", r.getId().getResource());
    assertEquals("zoë.ørsted@example.dk", r.getDisplayName());
    assertEquals("Pending", r.getStatus().getDetails());
    assertEquals(
        "a0a0a0a0b1b1b1b1c2c2c2c2d3d3d3d3",
        Protos.profileString(r.getProfile(), ProfileKeys.MEMBER_ID));
    assertNull(Protos.profileString(r.getProfile(), ProfileKeys.USER_ID));
    assertEquals(
        "Administrator Read Only",
        r.getProfile()
            .getFieldsOrThrow(ProfileKeys.ROLE_NAMES)
            .getListValue()
            .getValues(0)
            .getStringValue());
  }

  @Test
  void acceptedMembersAreNotInvitations() {
    assertFalse(
        InvitationSyncer.toResource(Fixtures.load("member_accepted_two_roles.json", Member.class))
            .isPresent());
  }
}
