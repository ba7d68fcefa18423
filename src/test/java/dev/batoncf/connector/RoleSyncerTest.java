package dev.batoncf.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Role;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.V1Identifier;
import dev.batoncf.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleSyncerTest {

  /** Collects what the handlers emit. */
  static final class Rows implements RowSink {
    final List<Resource> resources = new ArrayList<>();
    final List<Entitlement> entitlements = new ArrayList<>();
    final List<Grant> grants = new ArrayList<>();

    @Override
    public void resource(Resource r) {
      resources.add(r);
    }

    @Override
    public void entitlement(Entitlement e) {
      entitlements.add(e);
    }

    @Override
    public void grant(Grant g) {
      grants.add(g);
    }
  }

  @Test
  void bothPermissionShapesBecomeTheSameSortedList() {
    Role arr = Fixtures.load("role_permissions_string_array.json", Role.class);
    Role obj = Fixtures.load("role_permissions_object.json", Role.class);
    assertEquals(List.of("analytics:read", "dns_records:read", "zones:read"), arr.permissionList());
    assertEquals(
        List.of("analytics:read", "billing:read", "dns:read", "dns:write", "zones:read"),
        obj.permissionList());
  }

  @Test
  void roleHasOneMemberEntitlementGrantableToUsers() {
    Resource r = RoleSyncer.toResource(Fixtures.load("role_permissions_object.json", Role.class));
    Entitlement e = RoleSyncer.entitlement(r);
    assertEquals("role:05784afa30c1afe1440e79d9351c7430:member", e.getId());
    assertEquals("Administrator Read Only Member Role", e.getDisplayName());
    assertEquals("Has the Administrator Read Only role in Cloudflare", e.getDescription());
    assertEquals(List.of("user"), e.getGrantableToList().stream().map(t -> t.getId()).toList());
    assertEquals("member", e.getSlug());
  }

  @Test
  void grantsComeFromTheMemberOncePerDistinctRole() throws Exception {
    Member m = Fixtures.load("member_accepted_two_roles.json", Member.class);
    List<Grant> grants = RoleSyncer.grants(m);
    assertEquals(
        List.of(
            "role:05784afa30c1afe1440e79d9351c7430:member:user:2b4d6f8a0c1e3a5b7d9f1b3d5f7a9c1e",
            "role:3536bcfad5faccb999b47003c79917fb:member:user:2b4d6f8a0c1e3a5b7d9f1b3d5f7a9c1e"),
        grants.stream().map(Grant::getId).toList());
    Grant g = grants.get(0);
    assertEquals("user", g.getPrincipal().getId().getResourceType());
    assertEquals("role:05784afa30c1afe1440e79d9351c7430:member", g.getEntitlement().getId());
    assertEquals(
        "grant:membership:05784afa30c1afe1440e79d9351c7430:8c1f0a3e5b7d4e2fa1c2d3e4f5a6b7c8",
        g.getAnnotations(0).unpack(V1Identifier.class).getId());
  }

  @Test
  void pendingAndRejectedMembersGetNoGrants() {
    assertEquals(
        0,
        RoleSyncer.grants(Fixtures.load("member_pending_invite_no_user_id.json", Member.class))
            .size());
    assertEquals(0, RoleSyncer.grants(Fixtures.load("member_rejected.json", Member.class)).size());
  }

  @Test
  void superAdministratorIsAddedOnceWhenTheListOmitsIt() {
    RoleSyncer roles = new RoleSyncer();
    Rows rows = new Rows();
    roles.onPage(List.of(Fixtures.load("role_permissions_object.json", Role.class)), rows);
    roles.onEnd(rows);
    assertEquals(
        List.of("05784afa30c1afe1440e79d9351c7430", RoleSyncer.SUPER_ADMIN_ID),
        rows.resources.stream().map(r -> r.getId().getResource()).toList());
    Resource admin = rows.resources.get(1);
    assertEquals(RoleSyncer.SUPER_ADMIN_NAME, admin.getDisplayName());
    assertTrue(admin.getProfile().getFieldsOrThrow(ProfileKeys.SYNTHETIC).getBoolValue());
    assertEquals(2, rows.entitlements.size());
  }

  @Test
  void superAdministratorIsNotDuplicatedWhenTheListReturnsIt() {
    RoleSyncer roles = new RoleSyncer();
    Rows rows = new Rows();
    roles.onPage(
        List.of(new Role(RoleSyncer.SUPER_ADMIN_ID, RoleSyncer.SUPER_ADMIN_NAME, "x", null)), rows);
    roles.onEnd(rows);
    assertEquals(1, rows.resources.size());
    assertEquals(1, rows.entitlements.size());
  }

  @Test
  void roleHeldByMemberButMissingFromListIsEmittedOnceBeforeItsGrants() {
    RoleSyncer roles = new RoleSyncer();
    Rows rows = new Rows();
    roles.onPage(List.of(Fixtures.load("role_permissions_object.json", Role.class)), rows);
    roles.onEnd(rows);
    Member m = Fixtures.load("member_accepted_two_roles.json", Member.class);
    PageHandler<Member> grants = roles.grantsFromMembers();
    grants.onPage(List.of(m, m), rows);
    assertEquals(
        List.of(
            "05784afa30c1afe1440e79d9351c7430",
            RoleSyncer.SUPER_ADMIN_ID,
            "3536bcfad5faccb999b47003c79917fb"),
        rows.resources.stream().map(r -> r.getId().getResource()).toList());
    assertEquals(4, rows.grants.size());
  }
}
