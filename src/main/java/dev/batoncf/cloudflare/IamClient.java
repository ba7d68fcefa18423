package dev.batoncf.cloudflare;

import com.google.gson.JsonArray;
import dev.batoncf.cloudflare.model.Envelope;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.MemberBodies;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.cloudflare.model.ResourceGroup;
import dev.batoncf.cloudflare.model.UserGroup;
import java.util.List;
import java.util.Optional;

/**
 * The IAM calls behind resource groups, user groups and member policies (cloudflare-api.md §4, §13,
 * §14): a third facade over the same Retrofit/OkHttp stack as {@link CloudflareClient}, so auth,
 * rate limiting, retries and metrics apply alike. Never loops over pages.
 */
public final class IamClient {
  /** Largest page of the user-group lists (1–500, default 100). */
  public static final int USER_GROUP_MAX_PAGE = 500;

  private final CloudflareClient client;

  public IamClient(CloudflareClient client) {
    this.client = client;
  }

  public String accountId() {
    return client.accountId();
  }

  /** The whole list in one request: the endpoint has no paging ([S2607]). */
  public Page<ResourceGroup> resourceGroups() {
    List<ResourceGroup> items = client.result(client.api().resourceGroups(client.accountId()));
    return new Page<>(
        items == null ? List.of() : items,
        1,
        Math.max(1, items == null ? 1 : items.size()),
        -1,
        true);
  }

  public Page<UserGroup> userGroups(int page, int perPage) {
    Envelope<List<UserGroup>> env =
        client.execute(client.api().userGroups(client.accountId(), page, perPage));
    return Page.of(env.result(), page, perPage, env.resultInfo());
  }

  /** One user group, or empty when the account has none with that id (404). */
  public Optional<UserGroup> userGroup(String groupId) {
    try {
      return Optional.ofNullable(
          client.result(client.api().userGroup(client.accountId(), groupId)));
    } catch (CloudflareException.NotFound e) {
      return Optional.empty();
    }
  }

  public Page<UserGroup.Member> userGroupMembers(String groupId, int page, int perPage) {
    Envelope<List<UserGroup.Member>> env =
        client.execute(client.api().userGroupMembers(client.accountId(), groupId, page, perPage));
    return Page.of(env.result(), page, perPage, env.resultInfo());
  }

  /** The member's entry in the group, or empty when they are not in it (404). */
  public Optional<UserGroup.Member> userGroupMember(String groupId, String memberId) {
    try {
      return Optional.ofNullable(
          client.result(client.api().userGroupMember(client.accountId(), groupId, memberId)));
    } catch (CloudflareException.NotFound e) {
      return Optional.empty();
    }
  }

  public List<UserGroup.Member> addUserGroupMember(String groupId, String memberId) {
    return client.result(
        client.api().addUserGroupMembers(client.accountId(), groupId, addMemberBody(memberId)));
  }

  /** {@code [{"id":"<member id>"}]}, also printed by dry runs. */
  public static List<MemberBodies.Ref> addMemberBody(String memberId) {
    return List.of(new MemberBodies.Ref(memberId));
  }

  public void removeUserGroupMember(String groupId, String memberId) {
    client.execute(client.api().removeUserGroupMember(client.accountId(), groupId, memberId));
  }

  /** PUT {@code {"policies":[…]}}: Cloudflare replaces the member's policies with exactly these. */
  public Member replaceMemberPolicies(String memberId, JsonArray policies) {
    return client.result(
        client
            .api()
            .updateMemberPolicies(
                client.accountId(), memberId, new MemberBodies.Policies(policies)));
  }
}
