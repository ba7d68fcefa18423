package dev.batoncf.simulator;

import java.util.List;
import java.util.Objects;

/**
 * An IAM user group (cloudflare-api.md §13): a name, embedded policies and the account-member ids
 * of its members, in the order they joined.
 *
 * @param memberIds account-member ids (as in {@code /members/{member_id}})
 */
public record SimUserGroup(
    String id,
    String name,
    String createdOn,
    String modifiedOn,
    List<SimPolicy> policies,
    List<String> memberIds) {

  public SimUserGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    policies = List.copyOf(policies);
    memberIds = List.copyOf(memberIds);
  }

  public SimUserGroup withMembers(List<String> newMemberIds, String now) {
    return new SimUserGroup(id, name, createdOn, now, policies, newMemberIds);
  }
}
