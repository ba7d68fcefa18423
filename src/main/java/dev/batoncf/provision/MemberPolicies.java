package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.IamClient;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Policy;
import dev.batoncf.cloudflare.model.UserGroup;
import dev.batoncf.connector.PolicyText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Grants or revokes {@code resource_group:<rg>:<pg>} on a policy-managed member by
 * read-modify-write of the member's policies ({@link PolicyPlan}): GET the member, read the user
 * groups (one pass) and, for each group whose allow policy gives the pair, whether the member is in
 * it; then PUT the complete policy list only when it changes, and check the answer.
 */
public final class MemberPolicies {
  private final CloudflareClient client;
  private final IamClient iam;

  public MemberPolicies(CloudflareClient client) {
    this.client = client;
    this.iam = new IamClient(client);
  }

  public Change apply(
      String rgId, String pgId, String userId, String memberIdHint, boolean grant, boolean dryRun) {
    String op = grant ? "grant" : "revoke";
    String target = "resource_group:" + rgId + ":" + pgId + " to user:" + userId;
    Member m =
        new MemberDirectory(client)
            .byUserId(userId, memberIdHint)
            .orElseThrow(
                () ->
                    ProvisionException.notFound(
                        "user " + userId + " is not a member of account " + client.accountId()));
    List<UserGroup> groups = userGroups();
    Set<String> groupPolicyIds = new HashSet<>();
    groups.forEach(
        g ->
            g.policiesOrEmpty()
                .forEach(
                    p -> {
                      if (p.id() != null) {
                        groupPolicyIds.add(p.id());
                      }
                    }));
    List<String> via = new ArrayList<>();
    for (UserGroup g : groups) {
      boolean gives =
          g.policiesOrEmpty().stream()
              .anyMatch(p -> p.allows() && PolicyPlan.covers(p, rgId, pgId));
      if (gives && iam.userGroupMember(g.id(), m.id()).isPresent()) {
        via.add(g.name() + " (" + g.id() + ")");
      }
    }
    PolicyPlan plan =
        grant
            ? PolicyPlan.grant(m, rgId, pgId, groupPolicyIds, via)
            : PolicyPlan.revoke(m, rgId, pgId, groupPolicyIds, via);
    List<String> before = describe(plan.current());
    String resource = "user:" + userId;
    if (plan.outcome() != Outcome.CHANGED) {
      return new Change(
          op, target, plan.outcome(), plan.reason(), before, before, resource, null, dryRun);
    }
    String request =
        "PUT /accounts/"
            + client.accountId()
            + "/members/"
            + m.id()
            + " {\"policies\":"
            + PolicyPlan.body(plan.next())
            + "}";
    if (dryRun) {
      return new Change(
          op,
          target,
          Outcome.CHANGED,
          "dry run: nothing sent",
          before,
          describe(plan.next()),
          resource,
          request,
          true);
    }
    Member updated = iam.replaceMemberPolicies(m.id(), PolicyPlan.body(plan.next()));
    List<Policy> now = updated == null ? plan.next() : PolicyPlan.own(updated, groupPolicyIds);
    boolean has = now.stream().anyMatch(p -> p.allows() && PolicyPlan.covers(p, rgId, pgId));
    if (has != grant) {
      throw new IllegalStateException(
          "Cloudflare accepted the policy update of member "
              + m.id()
              + " but the permission is "
              + (has ? "still granted" : "missing"));
    }
    return new Change(
        op, target, Outcome.CHANGED, null, before, describe(now), resource, request, false);
  }

  /** Every user group (one pass at the largest page); none when the account has no such list. */
  private List<UserGroup> userGroups() {
    List<UserGroup> out = new ArrayList<>();
    try {
      PageScan.each("user groups", iam::userGroups, IamClient.USER_GROUP_MAX_PAGE, out::add);
    } catch (CloudflareException.NotFound e) {
      return List.of();
    }
    return out;
  }

  /** Each allow and deny pair, by name where Cloudflare gave one, else by id. */
  private static List<String> describe(List<Policy> policies) {
    List<String> out = new ArrayList<>();
    List<String> allow = PolicyText.describe(policies, false);
    List<String> deny = PolicyText.describe(policies, true);
    if (allow != null) {
      out.addAll(allow);
    }
    if (deny != null) {
      out.addAll(deny);
    }
    return out;
  }
}
