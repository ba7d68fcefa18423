package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Zero Trust lists (cloudflare-api.md §7, §18). {@code /items} returns a flat array, as the newest
 * schema says, or the older array of arrays (one inner array holding every item) when {@link
 * SimAccount#listItemsNested(boolean)} is true.
 */
final class GatewayHandlers {
  private static final Set<String> TYPES = Set.of("SERIAL", "URL", "DOMAIN", "EMAIL", "IP");

  private final SimAccount account;

  GatewayHandlers(SimAccount account) {
    this.account = account;
  }

  void register(Router r) {
    r.add("GET", Paths.LISTS, Area.GATEWAY, this::lists);
    r.add("GET", Paths.LIST, Area.GATEWAY, this::list);
    r.add("GET", Paths.LIST_ITEMS, Area.GATEWAY, this::items);
  }

  private SimResponse lists(SimRequest req) {
    String type = req.query("type");
    if (type != null && !TYPES.contains(type)) {
      throw SimError.validation("type must be one of " + TYPES);
    }
    List<SimList> all = new ArrayList<>();
    for (SimList l : account.lists()) {
      if (type == null || type.equals(l.type())) {
        all.add(l);
      }
    }
    JsonArray result = new JsonArray(all.size());
    all.forEach(l -> result.add(Views.list(l)));
    return SimResponse.page(result, Paging.single(all.size()));
  }

  private SimResponse list(SimRequest req) {
    return SimResponse.ok(Views.list(existing(req)));
  }

  private SimResponse items(SimRequest req) {
    SimList l = existing(req);
    if (account.unpagedListPageSize() > 0) {
      Paging paging = Paging.forced(req, account.unpagedListPageSize());
      List<SimList.Item> page = paging.slice(l.items());
      JsonArray result = new JsonArray(page.size());
      page.forEach(i -> result.add(Views.listItem(i)));
      return SimResponse.page(result, paging.resultInfo(page.size(), l.items().size(), true));
    }
    JsonArray flat = new JsonArray(l.items().size());
    l.items().forEach(i -> flat.add(Views.listItem(i)));
    JsonArray result = flat;
    if (account.listItemsNested()) {
      result = new JsonArray(1);
      result.add(flat);
    }
    return SimResponse.page(result, Paging.single(l.items().size()));
  }

  private SimList existing(SimRequest req) {
    return account.list(req.param("list_id")).orElseThrow(() -> SimError.notFound("List"));
  }
}
