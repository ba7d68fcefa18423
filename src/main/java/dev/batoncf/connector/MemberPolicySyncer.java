package dev.batoncf.connector;

import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The grants of member policies: each allow policy of an accepted member becomes one grant of
 * {@code resource_group:<rg>:<pg>} per permission group × resource group. Deny policies stay on the
 * user's profile ({@link UserSyncer}); a policy the member inherits from a user group (its id is
 * that group's policy) is granted through the group only, never a second time directly.
 */
final class MemberPolicySyncer implements PageHandler<Member> {
  private final PolicyGraph graph;

  MemberPolicySyncer(PolicyGraph graph) {
    this.graph = graph;
  }

  /**
   * Pure: the member's own allow policies, without those a user group owns.
   *
   * @param groupOfPolicy the user group owning a policy id, or null
   */
  static List<Policy> ownAllowPolicies(Member m, Function<String, String> groupOfPolicy) {
    List<Policy> out = new ArrayList<>();
    if (!UserSyncer.isUser(m)) {
      return out;
    }
    for (Policy p : policies(m)) {
      if (p.allows() && groupOfPolicy.apply(p.id()) == null) {
        out.add(p);
      }
    }
    return out;
  }

  static List<Policy> policies(Member m) {
    return m.policiesOrEmpty().stream().map(Policy::of).toList();
  }

  @Override
  public void onPage(List<Member> members, RowSink sink) {
    for (Member m : members) {
      List<Policy> own = ownAllowPolicies(m, graph::groupOfPolicy);
      if (!own.isEmpty()) {
        graph.allowGrants(own, ResourceTypes.USER_ID, m.userId(), sink);
      }
    }
  }
}
