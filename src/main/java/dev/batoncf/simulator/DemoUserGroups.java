package dev.batoncf.simulator;

import static dev.batoncf.simulator.Seeds.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's IAM user groups: one made by hand whose allow policy its members inherit, one with a
 * deny policy beside an allow, and two pushed by the IdP through SCIM (named {@code okta-…}, which
 * the demo treats as SCIM-owned), one holding a pending invitee.
 */
final class DemoUserGroups {
  private DemoUserGroups() {}

  static String groupId(String label) {
    return Ids.hex32("demo-user-group:" + label);
  }

  static void addTo(SimAccount a) {
    a.putPermissionGroup(new SimPolicy.PermissionGroup(PERMISSION_GROUP_ZONE_READ, "Zone Read"));
    a.userGroups()
        .put(
            group(
                "eng-oncall",
                "2025-07-01T09:00:00Z",
                a,
                List.of(
                    policy(
                        "eng-oncall-1",
                        "allow",
                        List.of(PERMISSION_GROUP_DNS),
                        RESOURCE_GROUP_ZONE,
                        a)),
                "ken",
                "dmitry",
                "kwame"));
    a.userGroups()
        .put(
            group(
                "contractors-readonly",
                "2025-08-12T10:30:00Z",
                a,
                List.of(
                    policy(
                        "contractors-1",
                        "allow",
                        List.of(PERMISSION_GROUP_ANALYTICS, PERMISSION_GROUP_ZONE_READ),
                        RESOURCE_GROUP_ACCOUNT,
                        a),
                    policy(
                        "contractors-2",
                        "deny",
                        List.of(PERMISSION_GROUP_DNS),
                        RESOURCE_GROUP_ZONE,
                        a)),
                "priya"));
    a.userGroups()
        .put(
            group(
                "okta-finance",
                "2025-09-03T08:15:00Z",
                a,
                List.of(
                    policy(
                        "okta-finance-1",
                        "allow",
                        List.of(PERMISSION_GROUP_BILLING),
                        RESOURCE_GROUP_ACCOUNT,
                        a)),
                "sofia",
                "zoe",
                "newhire"));
    a.userGroups()
        .put(group("okta-security", "2025-09-03T08:15:00Z", a, List.of(), "aisha", "huong"));
  }

  private static SimUserGroup group(
      String label,
      String created,
      SimAccount a,
      List<SimPolicy> policies,
      String... memberLabels) {
    List<String> members = new ArrayList<>();
    for (String m : memberLabels) {
      members.add(DemoSeed.memberId(m));
    }
    return new SimUserGroup(
        groupId(label), label, created, "2026-02-03T10:11:12Z", policies, members);
  }

  private static SimPolicy policy(
      String label, String access, List<String> pgIds, String rgId, SimAccount a) {
    List<SimPolicy.PermissionGroup> pgs = new ArrayList<>();
    pgIds.forEach(id -> pgs.add(a.permissionGroup(id).orElseThrow()));
    return new SimPolicy(
        Ids.hex32("demo-group-policy:" + label),
        access,
        pgs,
        List.of(a.resourceGroup(rgId).orElseThrow()));
  }
}
