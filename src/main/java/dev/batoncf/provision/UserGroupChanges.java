package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.IamClient;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.MemberBodies;
import dev.batoncf.cloudflare.model.UserGroup;
import dev.batoncf.connector.ScimGroups;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds or removes one member of an IAM user group ({@link UserGroupPlan}): GET the group (its name
 * decides SCIM ownership), find the membership, GET the member's entry in the group, then POST or
 * DELETE only when something changes, and check Cloudflare's answer.
 */
public final class UserGroupChanges {
  private final CloudflareClient client;
  private final IamClient iam;
  private final ScimGroups scim;

  public UserGroupChanges(CloudflareClient client, ScimGroups scim) {
    this.client = client;
    this.iam = new IamClient(client);
    this.scim = scim;
  }

  public Change apply(
      String groupId, String userId, String memberIdHint, boolean grant, boolean dryRun) {
    String op = grant ? "grant" : "revoke";
    String target = "user_group:" + groupId + ":member to user:" + userId;
    UserGroup g =
        iam.userGroup(groupId)
            .orElseThrow(
                () ->
                    ProvisionException.notFound(
                        "user group "
                            + groupId
                            + " does not exist in account "
                            + client.accountId()));
    Member m =
        new MemberDirectory(client)
            .byUserId(userId, memberIdHint)
            .orElseThrow(
                () ->
                    ProvisionException.notFound(
                        "user " + userId + " is not a member of account " + client.accountId()));
    boolean in = iam.userGroupMember(groupId, m.id()).isPresent();
    String scimReason = scim.reason(g.name());
    UserGroupPlan plan =
        grant
            ? UserGroupPlan.add(g, scimReason, m, in)
            : UserGroupPlan.remove(g, scimReason, m, in);
    List<String> before = List.of(label(g) + (in ? ": member" : ": not a member"));
    String resource = "user_group:" + groupId;
    if (plan.outcome() != Outcome.CHANGED) {
      return new Change(
          op, target, plan.outcome(), plan.reason(), before, before, resource, null, dryRun);
    }
    String path = "/accounts/" + client.accountId() + "/iam/user_groups/" + groupId + "/members";
    String request =
        grant
            ? "POST " + path + " " + MemberBodies.json(IamClient.addMemberBody(m.id()))
            : "DELETE " + path + "/" + m.id();
    List<String> after = List.of(label(g) + (grant ? ": member" : ": not a member"));
    if (dryRun) {
      return new Change(
          op,
          target,
          Outcome.CHANGED,
          "dry run: nothing sent",
          before,
          after,
          resource,
          request,
          true);
    }
    if (grant) {
      List<UserGroup.Member> now = iam.addUserGroupMember(groupId, m.id());
      if (now != null && now.stream().noneMatch(x -> m.id().equals(x.id()))) {
        throw new IllegalStateException(
            "Cloudflare accepted adding member "
                + m.id()
                + " to user group "
                + groupId
                + " but does not list them in it");
      }
    } else {
      try {
        iam.removeUserGroupMember(groupId, m.id());
      } catch (CloudflareException.NotFound e) {
        // removed by someone else in between: the state asked for holds
        return new Change(
            op,
            target,
            Outcome.ALREADY_DONE,
            "not a member of the group",
            before,
            after,
            resource,
            null,
            false);
      }
    }
    return new Change(
        op,
        target,
        Outcome.CHANGED,
        null,
        before,
        new ArrayList<>(after),
        resource,
        request,
        false);
  }

  private static String label(UserGroup g) {
    return g.name() + " (" + g.id() + ")";
  }
}
