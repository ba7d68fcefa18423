package dev.batoncf.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The user groups of one account, in creation order. Thread-safe. */
public final class UserGroupTable {
  private final Map<String, SimUserGroup> byId = new LinkedHashMap<>();

  public synchronized List<SimUserGroup> all() {
    return List.copyOf(byId.values());
  }

  public synchronized Optional<SimUserGroup> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public synchronized void put(SimUserGroup g) {
    byId.put(g.id(), g);
  }

  /** Adds the members not yet in the group; true when the group exists. */
  public synchronized boolean addMembers(String groupId, List<String> memberIds, String now) {
    SimUserGroup g = byId.get(groupId);
    if (g == null) {
      return false;
    }
    List<String> next = new ArrayList<>(g.memberIds());
    memberIds.stream().filter(id -> !next.contains(id)).forEach(next::add);
    byId.put(groupId, g.withMembers(next, now));
    return true;
  }

  /** True when the member was in the group. */
  public synchronized boolean removeMember(String groupId, String memberId, String now) {
    SimUserGroup g = byId.get(groupId);
    if (g == null || !g.memberIds().contains(memberId)) {
      return false;
    }
    List<String> next = new ArrayList<>(g.memberIds());
    next.remove(memberId);
    byId.put(groupId, g.withMembers(next, now));
    return true;
  }

  /** A member leaving the account leaves every group. */
  public synchronized void removeEverywhere(String memberId) {
    for (SimUserGroup g : List.copyOf(byId.values())) {
      if (g.memberIds().contains(memberId)) {
        List<String> next = new ArrayList<>(g.memberIds());
        next.remove(memberId);
        byId.put(g.id(), g.withMembers(next, g.modifiedOn()));
      }
    }
  }
}
