package dev.batoncf.provision;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.model.Member;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds a membership. The synced profile's {@code member_id} makes it one GET (which provisioning
 * needs anyway); without it, one pass over the member pages that stops at the match.
 */
public final class MemberDirectory {
  private final CloudflareClient client;

  public MemberDirectory(CloudflareClient client) {
    this.client = client;
  }

  /** The member whose Cloudflare user id is {@code userId}, trying the hint first. */
  public Optional<Member> byUserId(String userId, String memberIdHint) {
    if (memberIdHint != null) {
      Optional<Member> hinted = byMemberId(memberIdHint);
      if (hinted.isPresent() && userId.equals(hinted.get().userId())) {
        return hinted;
      }
    }
    return scan(m -> userId.equals(m.userId()));
  }

  /** GET /members/{id}; empty when Cloudflare says 404. */
  public Optional<Member> byMemberId(String memberId) {
    try {
      return Optional.ofNullable(client.member(memberId));
    } catch (CloudflareException.NotFound e) {
      return Optional.empty();
    }
  }

  public Optional<Member> byEmail(String email) {
    String wanted = email.toLowerCase(Locale.ROOT);
    return scan(
        m ->
            m.effectiveEmail() != null
                && m.effectiveEmail().toLowerCase(Locale.ROOT).equals(wanted));
  }

  private Optional<Member> scan(Predicate<Member> match) {
    return PageScan.first("members", client::members, CloudflareClient.IAM_MAX_PAGE, match);
  }
}
