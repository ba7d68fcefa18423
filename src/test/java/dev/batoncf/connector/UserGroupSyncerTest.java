package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.UserGroup;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantImmutable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user-group mapper, the SCIM rule and the member-policy mapper. */
class UserGroupSyncerTest {
  static final String GROUP_POLICY = "f267e341f3dd4697bd3b9f71dd96247f";

  @Test
  void scimGroupByPatternHasTheFlagTheReasonAndItsPoliciesOnTheProfile() {
    UserGroup g = Fixtures.load("user_group_scim_okta_with_deny_policy.json", UserGroup.class);
    Resource r = UserGroupSyncer.toResource(g, ScimGroups.parse("okta-*, azure-*"));
    assertEquals(
        "user_group:9f3e2d1c0b4a59687a6b5c4d3e2f1a0b",
        r.getId().getResourceType() + ":" + r.getId().getResource());
    assertEquals("okta-eng-oncall", r.getDisplayName());
    assertTrue(r.getProfile().getFieldsOrThrow("scim_managed").getBoolValue());
    assertEquals(
        "it matches the SCIM-managed pattern 'okta-*' (--scim-groups)",
        Protos.profileString(r.getProfile(), "scim_managed_because"));
    assertEquals(
        1, r.getProfile().getFieldsOrThrow("deny_policies").getListValue().getValuesCount());
    Entitlement e = UserGroupSyncer.entitlement(r);
    assertEquals("user_group:9f3e2d1c0b4a59687a6b5c4d3e2f1a0b:member", e.getId());
    assertEquals(
        "Member of the IAM user group okta-eng-oncall (inherits its policies); managed "
            + "by the identity provider (SCIM)",
        e.getDescription());
  }

  @Test
  void withoutAMatchingPatternAGroupIsManagedHere() {
    UserGroup g = Fixtures.load("user_group_scim_okta_with_deny_policy.json", UserGroup.class);
    Resource r = UserGroupSyncer.toResource(g, ScimGroups.parse("azure-*"));
    assertFalse(r.getProfile().getFieldsOrThrow("scim_managed").getBoolValue());
    assertNull(Protos.profileString(r.getProfile(), "scim_managed_because"));
  }

  @Test
  void scimRuleMatchesWholeNamesCaseInsensitivelyAndTheReservedPrefixes() {
    ScimGroups s = ScimGroups.parse(" Okta-* ,, finance ");
    assertEquals(List.of("Okta-*", "finance"), s.patterns());
    assertTrue(s.managed("okta-sre"));
    assertTrue(s.managed("FINANCE"));
    assertFalse(s.managed("finance-team"));
    assertFalse(s.managed("my-okta-sre"));
    assertTrue(s.managed("CF-8f2e-Administrator"));
    assertTrue(s.managed("cloudflare-v1-admin"));
    assertFalse(ScimGroups.none().managed("cfo-office"));
    assertTrue(ScimGroups.parse("*").managed("anything"));
    assertTrue(ScimGroups.parse("a.b").managed("A.B"));
    assertFalse(ScimGroups.parse("a.b").managed("axb"));
  }

  @Test
  void scimMembershipsAreImmutableOthersAreNot() {
    Grant scim = UserGroupSyncer.memberGrant("g1", "u1", true);
    assertEquals("user_group:g1:member:user:u1", scim.getId());
    assertTrue(scim.getAnnotations(0).is(GrantImmutable.class));
    assertEquals(0, UserGroupSyncer.memberGrant("g1", "u1", false).getAnnotationsCount());
  }

  @Test
  void memberPoliciesKeepAllowOnlyAndLeaveOutWhatAGroupOwns() {
    Member m = Fixtures.load("member_policies_allow_deny_and_group_inherited.json", Member.class);
    List<Policy> own =
        MemberPolicySyncer.ownAllowPolicies(m, id -> Map.of(GROUP_POLICY, "g1").get(id));
    assertEquals(
        List.of("1111aaaa2222bbbb3333cccc4444dddd"), own.stream().map(Policy::id).toList());
    List<Policy> noGroups = MemberPolicySyncer.ownAllowPolicies(m, id -> null);
    assertEquals(2, noGroups.size());
  }

  @Test
  void theUserProfileShowsDenyPoliciesAndNoGrantComesFromThem() {
    Member m = Fixtures.load("member_policies_allow_deny_and_group_inherited.json", Member.class);
    Resource u = UserSyncer.toResource(m).orElseThrow();
    assertEquals(
        List.of(
            "deny: Billing on account 8f2e1d0c9b8a79685746352413021f1e (policy "
                + "5555eeee6666ffff7777000088881111)"),
        u.getProfile().getFieldsOrThrow("deny_policies").getListValue().getValuesList().stream()
            .map(v -> v.getStringValue())
            .toList());
    assertEquals(
        3, u.getProfile().getFieldsOrThrow("allow_policies").getListValue().getValuesCount());
    assertEquals("policies", Protos.profileString(u.getProfile(), "managed_by"));
  }
}
