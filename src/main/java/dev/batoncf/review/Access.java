package dev.batoncf.review;

import dev.batoncf.connector.Ids;
import java.util.List;

/**
 * One thing an identity holds.
 *
 * @param entitlement what is held
 * @param granted the file has a grant row for it (else it is only inherited, or only invited)
 * @param unusualGrantId that row's id when it is not Baton's {@code <entitlement>:<type>:<id>};
 *     null otherwise, so a 100,000-member review does not keep 200,000 derivable strings
 * @param direct the file grants it to this identity itself (not only through a group)
 * @param via the group memberships it is inherited through (entitlements whose holders get it)
 * @param invited it comes with a pending invitation and applies once the invitation is accepted
 */
public record Access(
    EntitlementRef entitlement,
    boolean granted,
    String unusualGrantId,
    boolean direct,
    List<EntitlementRef> via,
    boolean invited) {
  public Access {
    via = List.copyOf(via);
  }

  /** The grant row's id for {@code holder}, or null when the file has no row for it. */
  public String grantId(Identity holder) {
    if (!granted) {
      return null;
    }
    return unusualGrantId != null
        ? unusualGrantId
        : Ids.grantId(entitlement.id(), holder.type(), holder.id());
  }

  /** "direct", "invited (applies once accepted)", "via Access group X", "direct; also via …". */
  public String how() {
    if (invited) {
      return "invited (applies once accepted)";
    }
    if (via.isEmpty()) {
      return "direct";
    }
    StringBuilder sb = new StringBuilder(direct ? "direct; also via " : "via ");
    for (int i = 0; i < via.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(Wording.noun(via.get(i)));
    }
    return sb.toString();
  }
}
