package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.cloudflare.model.Member;

/**
 * The email of a principal, which is how Access groups name people: from the synced profile when
 * known, else looked up (an Access user by id, or a member by user id).
 */
public final class PrincipalEmails {
  public static final String ACCESS_USER = "access_user";
  public static final String USER = "user";

  private final CloudflareClient client;

  public PrincipalEmails(CloudflareClient client) {
    this.client = client;
  }

  public String email(String type, String id, String syncedEmail) {
    if (syncedEmail != null && !syncedEmail.isBlank()) {
      return syncedEmail;
    }
    if (ACCESS_USER.equals(type)) {
      return PageScan.first(
              "Access users",
              client::accessUsers,
              CloudflareClient.ACCESS_MAX_PAGE,
              (AccessUser u) -> id.equals(u.id()))
          .map(AccessUser::email)
          .orElseThrow(() -> ProvisionException.notFound("Access user " + id + " does not exist"));
    }
    if (USER.equals(type)) {
      Member m =
          new MemberDirectory(client)
              .byUserId(id, null)
              .orElseThrow(
                  () ->
                      ProvisionException.notFound(
                          "user " + id + " is not a member of the account"));
      return m.effectiveEmail();
    }
    throw ProvisionException.invalid(
        "Access group membership can be granted to access_user or "
            + "user principals, not '"
            + type
            + "'");
  }
}
