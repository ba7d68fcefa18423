package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.ResourceGroup;
import dev.batoncf.cloudflare.model.UserGroup;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.GrantExpandable;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resource-group mapper: scope kinds and texts, entitlement, and both kinds of grant. */
class ResourceGroupSyncerTest {
  static final String ACCT = "8f2e1d0c9b8a79685746352413021f1e";
  static final String ZONE = "23f8d65290b24279ba6f44721b3eaad5";

  @Test
  void wholeAccountScopeReadsAsTheAccount() {
    ResourceGroup rg =
        group(
            "{\"id\":\"r1\",\"name\":\"com.cloudflare.api.account."
                + ACCT
                + "\",\"scope\":{\"key\":\"com.cloudflare.api.account."
                + ACCT
                + "\",\"objects\":[{\"key\":\"*\"}]}}");
    Resource r = ResourceGroupSyncer.toResource(rg);
    assertEquals("resource_group", r.getId().getResourceType());
    assertEquals("r1", r.getId().getResource());
    assertEquals("account", Protos.profileString(r.getProfile(), "scope_kind"));
    assertEquals("account " + ACCT, Protos.profileString(r.getProfile(), "scope"));
    assertEquals("account scope: account " + ACCT, r.getDescription());
  }

  @Test
  void zoneObjectsReadAsZones() {
    ResourceGroup rg =
        group(
            "{\"id\":\"r2\",\"scope\":{\"key\":\"com.cloudflare.api.account."
                + ACCT
                + "\",\"objects\":[{\"key\":\"com.cloudflare.api.account.zone."
                + ZONE
                + "\"},"
                + "{\"key\":\"com.cloudflare.api.account.zone.abc\"}]}}");
    assertEquals("zone", PolicyText.kind(rg));
    assertEquals("zones " + ZONE + ", abc", PolicyText.scope(rg));
    assertEquals("r2", ResourceGroupSyncer.toResource(rg).getDisplayName());
  }

  @Test
  void olderArrayScopeWithANonZoneObjectIsASingleResourceScope() {
    ResourceGroup rg = Fixtures.load("resource_group_scope_array_quirk.json", ResourceGroup.class);
    assertEquals(1, rg.scopes().size());
    assertEquals("resource", PolicyText.kind(rg));
    assertEquals(
        "com.cloudflare.edge.r2.bucket." + ACCT + "_default_logs; zone " + ZONE,
        PolicyText.scope(rg));
    Resource r = ResourceGroupSyncer.toResource(rg);
    assertEquals(
        List.of(
            "com.cloudflare.api.account."
                + ACCT
                + " / com.cloudflare.api.account"
                + ".zone."
                + ZONE,
            "com.cloudflare.api.account."
                + ACCT
                + " / com.cloudflare.edge.r2.bucket."
                + ACCT
                + "_default_logs"),
        r.getProfile().getFieldsOrThrow("scope_keys").getListValue().getValuesList().stream()
            .map(v -> v.getStringValue())
            .toList());
  }

  @Test
  void entitlementIsNamedPermissionGroupOnScopeWithThePermissionGroupAsSlug() {
    UserGroup g = Fixtures.load("user_group_scim_okta_with_deny_policy.json", UserGroup.class);
    Policy allow = g.policies().get(0);
    Entitlement e =
        ResourceGroupSyncer.entitlement(
            allow.resourceGroups().get(0), allow.permissionGroups().get(0));
    assertEquals(
        "resource_group:9e8d7c6b5a4938271605f4e3d2c1b0a9:" + "c8fed203ed3043cba015a93ad1616f1f",
        e.getId());
    assertEquals("c8fed203ed3043cba015a93ad1616f1f", e.getSlug());
    assertEquals("Zone Read on account " + ACCT, e.getDisplayName());
    assertEquals(
        List.of("user", "user_group"),
        e.getGrantableToList().stream().map(t -> t.getId()).toList());
    assertEquals(Entitlement.PurposeValue.PURPOSE_VALUE_PERMISSION, e.getPurpose());
  }

  @Test
  void grantToAUserIsPlainAndToAUserGroupExpandsItsMembers() {
    Grant toUser = ResourceGroupSyncer.grant("rg1", "pg1", "user", "u1");
    assertEquals("resource_group:rg1:pg1:user:u1", toUser.getId());
    assertEquals(0, toUser.getAnnotationsCount());
    Grant toGroup = ResourceGroupSyncer.grant("rg1", "pg1", "user_group", "g1");
    assertEquals("resource_group:rg1:pg1:user_group:g1", toGroup.getId());
    assertEquals("user_group", toGroup.getPrincipal().getId().getResourceType());
    assertTrue(toGroup.getAnnotations(0).is(GrantExpandable.class));
    assertEquals(List.of("user_group:g1:member"), unpack(toGroup).getEntitlementIdsList());
  }

  @Test
  void denyLinesNameThePairAndThePolicyAndAllowLinesLeaveDenyOut() {
    UserGroup g = Fixtures.load("user_group_scim_okta_with_deny_policy.json", UserGroup.class);
    assertEquals(
        List.of("deny: DNS on zone " + ZONE + " (policy 0d1c2b3a495867768594a3b2c1d0e9f8)"),
        PolicyText.describe(g.policies(), true));
    assertEquals(
        List.of(
            "allow: Zone Read on account " + ACCT + " (policy f267e341f3dd4697bd3b9f71dd96247f)"),
        PolicyText.describe(g.policies(), false));
    assertFalse(g.policies().get(1).allows());
  }

  private static GrantExpandable unpack(Grant g) {
    try {
      return g.getAnnotations(0).unpack(GrantExpandable.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static ResourceGroup group(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    return dev.batoncf.cloudflare.CloudflareClient.gson().fromJson(o, ResourceGroup.class);
  }
}
