package dev.batoncf.review;

import java.util.List;

/**
 * One thing an identity holds.
 *
 * @param entitlement what is held
 * @param grantId the grant row's id, or null when the access is only inherited or only invited
 * @param direct the file grants it to this identity itself (not only through a group)
 * @param via the group memberships it is inherited through (entitlements whose holders get it)
 * @param invited it comes with a pending invitation and applies once the invitation is accepted
 */
public record Access(EntitlementRef entitlement, String grantId, boolean direct,
                     List<EntitlementRef> via, boolean invited) {
  public Access {
    via = List.copyOf(via);
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
