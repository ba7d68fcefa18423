package dev.batoncf.connector;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.IamClient;
import dev.batoncf.cloudflare.model.Account;
import dev.batoncf.cloudflare.model.ApiToken;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.cloudflare.model.ResourceGroup;
import dev.batoncf.cloudflare.model.RiskSummaryUser;
import dev.batoncf.cloudflare.model.Role;
import dev.batoncf.cloudflare.model.TokenVerification;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the syncers into feeds (one per Cloudflare list, in dependency order) and validates the
 * credentials. Which feeds exist is decided from configuration, never by probing endpoints.
 */
public final class CloudflareConnector {
  /** The summary's word for groups and apps whose members could not be evaluated. */
  static final String MEMBERSHIP_NOT_EVALUATED =
      "Access group and application membership not evaluated";

  private final CloudflareClient client;
  private final ConnectorOptions options;

  public CloudflareConnector(CloudflareClient client, ConnectorOptions options) {
    this.client = client;
    this.options = options;
  }

  public CloudflareClient client() {
    return client;
  }

  public ConnectorOptions options() {
    return options;
  }

  public List<ResourceType> resourceTypes() {
    List<ResourceType> types =
        new ArrayList<>(
            List.of(
                ResourceTypes.USER,
                ResourceTypes.INVITATION,
                ResourceTypes.ROLE,
                ResourceTypes.API_TOKEN,
                ResourceTypes.RESOURCE_GROUP,
                ResourceTypes.USER_GROUP));
    if (options.zeroTrust()) {
      types.add(ResourceTypes.ACCESS_USER);
      types.add(ResourceTypes.GROUP);
      types.add(ResourceTypes.ACCESS_APP);
    }
    return types;
  }

  /**
   * The feeds of one sync, with fresh syncer state. Roles come first so the member pass can tell
   * which roles the list omitted, resource and user groups next so it can tell a member's own
   * policies from those a group gives; the member pass feeds users, invitations, every role grant
   * and the member-policy grants, then asks for each user group's members.
   */
  public List<Feed<?>> feeds() {
    return feeds(resourceTypes().stream().map(ResourceType::getId).toList());
  }

  /**
   * The feeds that can yield resources of {@code types} (a scoped sync): roles and members together
   * (the member pass needs the role list), API tokens, and the Zero Trust lists together (groups
   * are evaluated over the Access users and risk levels).
   */
  public List<Feed<?>> feeds(java.util.Collection<String> types) {
    List<Feed<?>> feeds = new ArrayList<>();
    boolean groups =
        types.contains(ResourceTypes.RESOURCE_GROUP_ID)
            || types.contains(ResourceTypes.USER_GROUP_ID);
    if (groups
        || types.contains(ResourceTypes.USER_ID)
        || types.contains(ResourceTypes.INVITATION_ID)
        || types.contains(ResourceTypes.ROLE_ID)) {
      addIamFeeds(feeds, groups);
    }
    if (types.contains(ResourceTypes.API_TOKEN_ID)) {
      feeds.add(
          new Feed<>(
              "api tokens",
              CloudflareClient.IAM_MAX_PAGE,
              client::tokens,
              List.of(new ApiTokenSyncer()),
              Feed.WhenUnavailable.SKIP_WITH_WARNING,
              ResourceTypes.ACCOUNT_API_TOKENS_READ));
    }
    if (options.zeroTrust()
        && (types.contains(ResourceTypes.ACCESS_USER_ID)
            || types.contains(ResourceTypes.GROUP_ID)
            || types.contains(ResourceTypes.ACCESS_APP_ID))) {
      addZeroTrustFeeds(feeds);
    }
    return feeds;
  }

  /**
   * Roles, then (with {@code groups}: a sync that keeps resource or user groups) the resource and
   * user groups, then the member pass: users, invitations, every role grant and, with {@code
   * groups}, member policies (group-owned ones told apart) and one members list per user group,
   * whose member ids the member pass has mapped to users.
   */
  private void addIamFeeds(List<Feed<?>> feeds, boolean groups) {
    RoleSyncer roles = new RoleSyncer();
    feeds.add(rolesFeed(roles));
    List<PageHandler<Member>> memberHandlers =
        new ArrayList<>(
            List.of(new UserSyncer(), new InvitationSyncer(), roles.grantsFromMembers()));
    if (groups) {
      memberHandlers.addAll(addGroupFeeds(feeds));
    }
    feeds.add(
        new Feed<>(
            "members",
            CloudflareClient.IAM_MAX_PAGE,
            client::members,
            memberHandlers,
            Feed.WhenUnavailable.FAIL,
            ResourceTypes.ACCOUNT_SETTINGS_READ));
  }

  /**
   * The feeds of an incremental sync: the roles and the pending invitations read in full, the
   * members {@code delta} names read one by one, every other member's rows taken from {@code
   * previous}, the token list read again only when the log names a token, and the Zero Trust lists
   * read in full (their membership changes with logins the log does not record).
   */
  public List<Feed<?>> incrementalFeeds(Delta delta, PreviousRows previous) {
    RoleSyncer roles = new RoleSyncer();
    List<Feed<?>> feeds = new ArrayList<>();
    feeds.add(rolesFeed(roles));
    // Resource and user groups are small lists, read in full: their changes are not all
    // member events, and the member policies of a re-fetched member need them.
    List<PageHandler<Member>> groupHandlers = addGroupFeeds(feeds);
    MemberRefetch refetch =
        new MemberRefetch(client, delta.memberIds(), previous.invitationMemberIds());
    List<PageHandler<Member>> pending =
        List.of(
            new UserSyncer(),
            new InvitationSyncer(),
            roles.grantsFromMembers(),
            refetch.pendingSeen());
    feeds.add(
        new Feed<>(
            "pending members",
            CloudflareClient.IAM_MAX_PAGE,
            client::pendingMembers,
            pending,
            Feed.WhenUnavailable.FAIL,
            ResourceTypes.ACCOUNT_SETTINGS_READ));
    PageHandler<Member> carry =
        new PageHandler<>() {
          @Override
          public void onPage(List<Member> items, RowSink sink) {}

          @Override
          public void onEnd(RowSink sink) {
            previous.members(refetch.touched(), roles, sink);
          }
        };
    // user-group memberships: carried for untouched users, re-read for the changed ones
    List<PageHandler<Member>> changed =
        new ArrayList<>(
            List.of(new UserSyncer(), new InvitationSyncer(), roles.grantsFromMembers()));
    changed.addAll(groupHandlers);
    changed.add(carry);
    feeds.add(
        new Feed<>(
            "changed members",
            Integer.MAX_VALUE,
            refetch,
            changed,
            Feed.WhenUnavailable.FAIL,
            ResourceTypes.ACCOUNT_SETTINGS_READ));
    if (delta.tokens()) {
      feeds.add(
          new Feed<>(
              "api tokens",
              CloudflareClient.IAM_MAX_PAGE,
              client::tokens,
              List.of(new ApiTokenSyncer()),
              Feed.WhenUnavailable.SKIP_WITH_WARNING,
              ResourceTypes.ACCOUNT_API_TOKENS_READ));
    } else {
      PageHandler<ApiToken> carried =
          new PageHandler<>() {
            @Override
            public void onPage(List<ApiToken> items, RowSink sink) {}

            @Override
            public void onEnd(RowSink sink) {
              previous.tokens(sink);
            }
          };
      feeds.add(
          new Feed<ApiToken>(
              "api tokens (previous sync)",
              1,
              (page, perPage) -> new Page<>(List.of(), 1, 1, 0, true),
              List.of(carried),
              Feed.WhenUnavailable.FAIL,
              ResourceTypes.ACCOUNT_API_TOKENS_READ));
    }
    if (options.zeroTrust()) {
      addZeroTrustFeeds(feeds);
    }
    return feeds;
  }

  private Feed<Role> rolesFeed(RoleSyncer roles) {
    return new Feed<>(
        "roles",
        CloudflareClient.IAM_MAX_PAGE,
        client::roles,
        List.of(roles),
        Feed.WhenUnavailable.FAIL,
        ResourceTypes.ACCOUNT_SETTINGS_READ);
  }

  /**
   * Adds the resource groups (one request) and the user groups, which the member pass needs, and
   * returns that pass's handlers for them: member policies (group-owned ones told apart) and one
   * members list per user group.
   */
  private List<PageHandler<Member>> addGroupFeeds(List<Feed<?>> feeds) {
    PolicyGraph policies = new PolicyGraph(options.scimGroups());
    IamClient iam = new IamClient(client);
    UserGroupSyncer userGroups = new UserGroupSyncer(policies);
    feeds.add(
        new Feed<ResourceGroup>(
            "resource groups",
            Integer.MAX_VALUE,
            (page, perPage) -> iam.resourceGroups(),
            List.of(new ResourceGroupSyncer(policies)),
            Feed.WhenUnavailable.SKIP_WITH_WARNING,
            ResourceTypes.ACCOUNT_SETTINGS_READ));
    feeds.add(
        new Feed<>(
            "user groups",
            IamClient.USER_GROUP_MAX_PAGE,
            iam::userGroups,
            List.of(userGroups),
            Feed.WhenUnavailable.SKIP_WITH_WARNING,
            ResourceTypes.ACCOUNT_SETTINGS_READ));
    return List.of(new MemberPolicySyncer(policies), userGroups.afterMembers(iam));
  }

  /**
   * Risk levels first (one request), then Access users, then groups evaluated over them, then
   * applications evaluated over both (their policies come embedded: no request per app).
   */
  private void addZeroTrustFeeds(List<Feed<?>> feeds) {
    AccessDirectory directory = new AccessDirectory();
    RiskSyncer risk = new RiskSyncer(client, directory);
    feeds.add(
        new Feed<RiskSummaryUser>(
            "risk scores",
            Integer.MAX_VALUE,
            risk,
            List.of(risk),
            Feed.WhenUnavailable.SKIP_WITH_INFO,
            ResourceTypes.ZERO_TRUST_PII_READ));
    feeds.add(
        new Feed<>(
            "access users",
            CloudflareClient.ACCESS_MAX_PAGE,
            client::accessUsers,
            List.of(new AccessUserSyncer(directory)),
            Feed.WhenUnavailable.SKIP_WITH_WARNING,
            ResourceTypes.ACCESS_AUDIT_LOGS_READ,
            MEMBERSHIP_NOT_EVALUATED));
    feeds.add(
        new Feed<>(
            "access groups",
            CloudflareClient.ACCESS_MAX_PAGE,
            new GroupFetcher(client, directory),
            List.of(new GroupSyncer(directory)),
            Feed.WhenUnavailable.SKIP_WITH_WARNING,
            ResourceTypes.ACCESS_GROUPS_READ));
    feeds.add(
        new Feed<>(
            "access apps",
            CloudflareClient.ACCESS_MAX_PAGE,
            client::accessApps,
            List.of(new AccessAppSyncer(directory)),
            Feed.WhenUnavailable.SKIP_WITH_WARNING,
            ResourceTypes.ACCESS_APPS_READ));
  }

  /**
   * One request when all is well (GET the account, which works in both auth modes). Only on failure
   * does it spend more, to say precisely what is wrong.
   */
  public Account validate() {
    try {
      return client.account();
    } catch (CloudflareException.Unauthenticated e) {
      throw new ValidationException(explainRejected(), e);
    } catch (CloudflareException.PermissionDenied | CloudflareException.NotFound e) {
      throw new ValidationException(
          "the credentials cannot read account "
              + client.accountId()
              + ": check --account-id and that the credential has '"
              + ResourceTypes.ACCOUNT_SETTINGS_READ
              + "' on that account",
          e);
    } catch (CloudflareException.BadRequest e) {
      throw new ValidationException(
          "Cloudflare refused the account lookup for "
              + client.accountId()
              + " ("
              + e.getMessage()
              + "): check --account-id",
          e);
    }
  }

  private String explainRejected() {
    Credentials creds = client.credentials();
    if (creds instanceof Credentials.ApiToken) {
      try {
        TokenVerification v = client.verifyToken();
        if (v != null && v.status() != null && !TokenVerification.ACTIVE.equals(v.status())) {
          return "the API token is " + v.status() + ": create or re-enable a token";
        }
      } catch (CloudflareException ignored) {
        // verification failing too just confirms the token is not valid
      }
      return "Cloudflare rejected the API token: check --api-token (BATON_API_TOKEN)";
    }
    return "Cloudflare rejected the email + global API key: check --email and --api-key";
  }
}
