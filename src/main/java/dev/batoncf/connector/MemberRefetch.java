package dev.batoncf.connector;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.model.Member;
import dev.batoncf.cloudflare.model.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members an incremental sync reads one by one: those the audit log names, and previous
 * invitations that are no longer pending (accepted, rejected or withdrawn: their acceptance may not
 * be logged in the account). Members on the fresh pending list are already read. One "page" (one
 * GET per member); a member that is gone (404) is simply not returned.
 */
final class MemberRefetch implements Feed.Fetcher<Member> {
  private final CloudflareClient client;
  private final Set<String> named;
  private final Set<String> previousInvitations;
  private final Set<String> pendingSeen = new HashSet<>();
  private final Set<String> touched = new HashSet<>();

  MemberRefetch(CloudflareClient client, Set<String> named, Set<String> previousInvitations) {
    this.client = client;
    this.named = Set.copyOf(named);
    this.previousInvitations = Set.copyOf(previousInvitations);
  }

  /** Handler for the pending list: remembers who is pending now. */
  PageHandler<Member> pendingSeen() {
    return (members, sink) ->
        members.forEach(
            m -> {
              if (m.id() != null) {
                pendingSeen.add(m.id());
              }
            });
  }

  /** Every membership this sync read afresh (or found gone): none is carried over. */
  Set<String> touched() {
    Set<String> all = new HashSet<>(touched);
    all.addAll(pendingSeen);
    return all;
  }

  @Override
  public Page<Member> fetch(int page, int perPage) {
    Set<String> ids = new TreeSet<>(named); // sorted: the same requests in the same order
    previousInvitations.stream().filter(id -> !pendingSeen.contains(id)).forEach(ids::add);
    ids.removeAll(pendingSeen);
    List<Member> found = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      touched.add(id);
      try {
        found.add(client.member(id));
      } catch (CloudflareException.NotFound e) {
        // removed since the previous sync: nothing to write for it
      }
    }
    return new Page<>(found, 1, Math.max(1, found.size()), found.size(), true);
  }
}
