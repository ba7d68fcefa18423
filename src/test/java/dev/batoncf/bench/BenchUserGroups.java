package dev.batoncf.bench;

import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.simulator.SimMember;
import dev.batoncf.simulator.SimPolicy;
import dev.batoncf.simulator.SimUserGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * User groups for a generated benchmark account: one group per 1,000 members (at least two), each
 * member in one of them, each group with one allow policy, so the run pays one members list per
 * group (two pages of 500 at 1,000 members a group) and Baton's expansion.
 */
final class BenchUserGroups {
  private BenchUserGroups() {}

  static SimAccount add(SimAccount a) {
    List<SimMember> members = a.members();
    int groups = Math.max(2, members.size() / 1000);
    SimPolicy.PermissionGroup pg =
        a.permissionGroup(Seeds.PERMISSION_GROUP_DOMAIN_ADMIN).orElseThrow();
    SimPolicy.ResourceGroup rg = a.resourceGroup(Seeds.RESOURCE_GROUP_ACCOUNT).orElseThrow();
    List<List<String>> ids = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      ids.add(new ArrayList<>());
    }
    for (int i = 0; i < members.size(); i++) {
      ids.get(i % groups).add(members.get(i).id());
    }
    for (int g = 0; g < groups; g++) {
      String id = String.format("%016x%016x", 0xbe9c4L, g);
      a.userGroups()
          .put(
              new SimUserGroup(
                  id,
                  "bench-group-" + g,
                  "2025-01-01T00:00:00Z",
                  "2025-01-01T00:00:00Z",
                  List.of(
                      new SimPolicy(
                          String.format("%016x%016x", 0xb0b1L, g),
                          "allow",
                          List.of(pg),
                          List.of(rg))),
                  ids.get(g)));
    }
    return a;
  }
}
