package dev.batoncf.connector;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.model.Account;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.RiskSummaryUser;
import dev.batoncf.cloudflare.model.TokenVerification;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles the syncers into feeds (one per Cloudflare list, in dependency order) and validates
 * the credentials. Which feeds exist is decided from configuration, never by probing endpoints.
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

  public List<ResourceType> resourceTypes() {
    List<ResourceType> types = new ArrayList<>(List.of(
        ResourceTypes.USER, ResourceTypes.INVITATION, ResourceTypes.ROLE, ResourceTypes.API_TOKEN));
    if (options.zeroTrust()) {
      types.add(ResourceTypes.ACCESS_USER);
      types.add(ResourceTypes.GROUP);
      types.add(ResourceTypes.ACCESS_APP);
    }
    return types;
  }

  /**
   * The feeds of one sync, with fresh syncer state. Roles come first so the member pass can tell
   * which roles the list omitted; the member pass feeds users, invitations and every role grant.
   */
  public List<Feed<?>> feeds() {
    RoleSyncer roles = new RoleSyncer();
    List<Feed<?>> feeds = new ArrayList<>();
    feeds.add(new Feed<>("roles", CloudflareClient.IAM_MAX_PAGE, client::roles,
        List.of(roles), Feed.WhenUnavailable.FAIL, ResourceTypes.ACCOUNT_SETTINGS_READ));
    List<PageHandler<Member>> memberHandlers =
        List.of(new UserSyncer(), new InvitationSyncer(), roles.grantsFromMembers());
    feeds.add(new Feed<>("members", CloudflareClient.IAM_MAX_PAGE, client::members,
        memberHandlers, Feed.WhenUnavailable.FAIL, ResourceTypes.ACCOUNT_SETTINGS_READ));
    feeds.add(new Feed<>("api tokens", CloudflareClient.IAM_MAX_PAGE, client::tokens,
        List.of(new ApiTokenSyncer()), Feed.WhenUnavailable.SKIP_WITH_WARNING,
        ResourceTypes.ACCOUNT_API_TOKENS_READ));
    if (options.zeroTrust()) {
      addZeroTrustFeeds(feeds);
    }
    return feeds;
  }

  /**
   * Risk levels first (one request), then Access users, then groups evaluated over them, then
   * applications evaluated over both (their policies come embedded: no request per app).
   */
  private void addZeroTrustFeeds(List<Feed<?>> feeds) {
    AccessDirectory directory = new AccessDirectory();
    RiskSyncer risk = new RiskSyncer(client, directory);
    feeds.add(new Feed<RiskSummaryUser>("risk scores", Integer.MAX_VALUE, risk,
        List.of(risk), Feed.WhenUnavailable.SKIP_WITH_INFO,
        ResourceTypes.ZERO_TRUST_PII_READ));
    feeds.add(new Feed<>("access users", CloudflareClient.ACCESS_MAX_PAGE, client::accessUsers,
        List.of(new AccessUserSyncer(directory)), Feed.WhenUnavailable.SKIP_WITH_WARNING,
        ResourceTypes.ACCESS_AUDIT_LOGS_READ, MEMBERSHIP_NOT_EVALUATED));
    feeds.add(new Feed<>("access groups", CloudflareClient.ACCESS_MAX_PAGE,
        new GroupFetcher(client, directory), List.of(new GroupSyncer(directory)),
        Feed.WhenUnavailable.SKIP_WITH_WARNING, ResourceTypes.ACCESS_GROUPS_READ));
    feeds.add(new Feed<>("access apps", CloudflareClient.ACCESS_MAX_PAGE, client::accessApps,
        List.of(new AccessAppSyncer(directory)), Feed.WhenUnavailable.SKIP_WITH_WARNING,
        ResourceTypes.ACCESS_APPS_READ));
  }

  /**
   * One request when all is well (GET the account, which works in both auth modes). Only on
   * failure does it spend more, to say precisely what is wrong.
   */
  public Account validate() {
    try {
      return client.account();
    } catch (CloudflareException.Unauthenticated e) {
      throw new ValidationException(explainRejected(), e);
    } catch (CloudflareException.PermissionDenied | CloudflareException.NotFound e) {
      throw new ValidationException("the credentials cannot read account " + client.accountId()
          + ": check --account-id and that the credential has '"
          + ResourceTypes.ACCOUNT_SETTINGS_READ + "' on that account", e);
    } catch (CloudflareException.BadRequest e) {
      throw new ValidationException("Cloudflare refused the account lookup for "
          + client.accountId() + " (" + e.getMessage() + "): check --account-id", e);
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
