package dev.batoncf.sync;

import dev.batoncf.pb.connector.v2.ResourceId;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the resources of {@code --sync-resources}: {@code <type>:<id>} (ours: resource ids never
 * contain ':'), or Baton's resource BID {@code bid:r:[<parent type>/<parent id>/]<type>/<id>}
 * (baton-sdk {@code pkg/bid}; a backslash escapes ':', '/' and itself in a value).
 */
public final class TargetIds {
  private static final String BID_PREFIX = "bid:r:";

  private TargetIds() {}

  /**
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  public static ResourceId parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.startsWith(BID_PREFIX)) {
      return bid(s);
    }
    int colon = s.indexOf(':');
    if (colon <= 0 || colon == s.length() - 1 || s.indexOf(':', colon + 1) >= 0) {
      throw bad(text, "expected <type>:<id> or bid:r:<type>/<id>");
    }
    return id(s.substring(0, colon), s.substring(colon + 1));
  }

  private static ResourceId bid(String s) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String body = s.substring(BID_PREFIX.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        if (i + 1 >= body.length()) {
          throw bad(s, "ends with a lone backslash");
        }
        cur.append(body.charAt(++i));
      } else if (c == '/') {
        parts.add(cur.toString());
        cur.setLength(0);
      } else if (c == ':') {
        throw bad(s, "a ':' inside a BID value must be escaped as '\\:'");
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    if (parts.size() != 2 && parts.size() != 4) {
      throw bad(s, "expected bid:r:<type>/<id> or bid:r:<parent type>/<parent id>/<type>/<id>");
    }
    // A parent names where the resource sits; every type of this connector is top-level.
    return id(parts.get(parts.size() - 2), parts.get(parts.size() - 1));
  }

  private static ResourceId id(String type, String id) {
    if (type.isBlank() || id.isBlank()) {
      throw bad(type + ":" + id, "type and id must not be empty");
    }
    return ResourceId.newBuilder().setResourceType(type).setResource(id).build();
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException(
        "--sync-resources: '" + text + "' is not a resource (" + why + ")");
  }
}
