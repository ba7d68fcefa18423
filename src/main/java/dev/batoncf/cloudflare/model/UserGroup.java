package dev.batoncf.cloudflare.model;

import java.util.List;

/**
 * An IAM user group (cloudflare-api.md §13). Its policies are embedded on list and get, so the
 * group list alone gives every group's grants; its members come from a list per group.
 */
public record UserGroup(
    String id, String name, String createdOn, String modifiedOn, List<Policy> policies) {

  public List<Policy> policiesOrEmpty() {
    return policies == null ? List.of() : policies;
  }

  /**
   * A member of a user group: {@code id} is the account-member id (as in {@code
   * /members/{member_id}}), not the Cloudflare user id.
   */
  public record Member(String id, String email, String status) {}
}
