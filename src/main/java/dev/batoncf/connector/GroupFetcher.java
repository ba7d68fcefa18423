package dev.batoncf.connector;

import com.google.gson.JsonElement;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.PageGuard;
import dev.batoncf.cloudflare.model.AccessGroup;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.connector.rules.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one page of Access groups and everything its rules need: a group's details only when the
 * list lacks its rules, and each referenced email list's items once per sync.
 */
final class GroupFetcher implements Feed.Fetcher<AccessGroup> {
  private static final Logger log = LoggerFactory.getLogger(GroupFetcher.class);
  private final CloudflareClient client;
  private final AccessDirectory directory;
  private final Set<String> unavailableLists = new HashSet<>();

  GroupFetcher(CloudflareClient client, AccessDirectory directory) {
    this.client = client;
    this.directory = directory;
  }

  @Override
  public Page<AccessGroup> fetch(int page, int perPage) {
    Page<AccessGroup> p = client.accessGroups(page, perPage);
    List<AccessGroup> complete = new ArrayList<>();
    for (AccessGroup g : p.items()) {
      AccessGroup full = g.hasRules() || g.id() == null ? g : client.accessGroup(g.id());
      complete.add(full);
      fetchLists(full);
    }
    return new Page<>(complete, p.page(), p.perPage(), p.totalCount(), p.last());
  }

  private void fetchLists(AccessGroup g) {
    for (String section : List.of(AccessGroup.INCLUDE, AccessGroup.EXCLUDE, AccessGroup.REQUIRE)) {
      for (JsonElement e : g.rules(section)) {
        Rule r = Rule.parse(e);
        if (!r.evaluable() || !Rule.EMAIL_LIST.equals(r.kind())) {
          continue;
        }
        String id = r.field("id");
        if (directory.hasList(id) || unavailableLists.contains(id)) {
          continue;
        }
        try {
          Set<String> values = readWholeList(id);
          if (values != null) {
            directory.putList(id, values);
          } else {
            unavailableLists.add(id);
          }
        } catch (CloudflareException.NotFound | CloudflareException.PermissionDenied ex) {
          // The rule stays undecided (reported on the group), never guessed.
          unavailableLists.add(id);
          log.warn(
              "email list {} used by Access group {} could not be read ({}); its members "
                  + "are not evaluated",
              id,
              g.id(),
              ex.getMessage());
        }
      }
    }
  }

  /**
   * Every value of one list, or null when fewer were read than Cloudflare reported (its rules then
   * stay undecided). The endpoint declares no paging, so this is one request unless {@code
   * result_info} shows more pages; those are read in order under a {@link PageGuard}, and a page
   * past the first that is empty or repeats the one before ends the walk.
   */
  private Set<String> readWholeList(String id) {
    Set<String> values = new HashSet<>();
    PageGuard guard = new PageGuard("items of list " + id);
    int reported = -1;
    int read = 0;
    List<String> previous = List.of();
    for (int page = 1; ; page++) {
      Page<String> p = client.gatewayListValues(id, page);
      if (page == 1) {
        reported = p.totalCount();
      } else if (p.items().isEmpty() || p.items().equals(previous)) {
        break;
      }
      read += p.items().size();
      p.items().forEach(v -> values.add(v.trim().toLowerCase(Locale.ROOT)));
      previous = p.items();
      if (guard.last(p)) {
        break;
      }
    }
    if (!RiskSyncer.complete(read, reported)) {
      log.warn(
          "list {} reported {} items but {} could be read; rules using it are not " + "evaluated",
          id,
          reported,
          read);
      return null;
    }
    return values;
  }
}
