package dev.batoncf.review;

import dev.batoncf.connector.AccessUserSyncer;
import dev.batoncf.connector.ApiTokenSyncer;
import dev.batoncf.connector.ProfileKeys;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.pb.connector.v2.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns a principal's resource into an {@link IdentityDraft}: the facts a reviewer needs. */
final class IdentityReader {
  static final String MEMBER_LOGIN_UNKNOWN =
      "unknown: Cloudflare does not report when account members last signed in";
  static final String NEVER = "never";
  static final String NOT_ACCEPTED = "never: the invitation is not accepted yet";
  static final String NOT_APPLICABLE = "not applicable";

  private IdentityReader() {}

  /**
   * @param canon shares one instance of each status and risk text across identities
   */
  static IdentityDraft read(Resource r, String typeName, Map<String, String> canon) {
    ResourceView v = new ResourceView(r);
    String type = r.getId().getResourceType();
    String id = r.getId().getResource();
    String name = r.getDisplayName().isBlank() ? id : r.getDisplayName();
    String status = v.status();
    IdentityDraft d =
        new IdentityDraft(
            type,
            typeName,
            id,
            name,
            v.email(),
            status == null ? null : canon.computeIfAbsent(status, x -> x));
    d.createdAt = v.createdAt();
    switch (type) {
      case ResourceTypes.USER_ID -> member(v, d);
      case ResourceTypes.INVITATION_ID -> invitation(v, d);
      case ResourceTypes.ACCESS_USER_ID -> accessUser(v, d);
      case ResourceTypes.API_TOKEN_ID -> token(v, d);
      default -> other(v, d);
    }
    if (d.riskLevel != null) {
      d.riskLevel = canon.computeIfAbsent(d.riskLevel, x -> x);
    }
    return d;
  }

  private static void member(ResourceView v, IdentityDraft d) {
    d.twoFactor = v.bool(ProfileKeys.TWO_FACTOR);
    if (d.twoFactor == null && v.user() != null && v.user().hasMfaStatus()) {
      d.twoFactor = v.user().getMfaStatus().getMfaEnabled();
    }
    d.lastLogin =
        v.user() != null && v.user().hasLastLogin()
            ? ResourceView.instant(v.user().getLastLogin())
            : null;
    d.lastLoginNote = d.lastLogin == null ? MEMBER_LOGIN_UNKNOWN : null;
    put(d, "member_id", v.string(ProfileKeys.MEMBER_ID));
    if (ProfileKeys.MANAGED_BY_POLICIES.equals(v.string(ProfileKeys.MANAGED_BY))) {
      d.details.put("managed_by", "permission policies (not shown as roles)");
    }
  }

  private static void invitation(ResourceView v, IdentityDraft d) {
    d.lastLoginNote = NOT_ACCEPTED;
    d.invitedRoleIds = v.list(ProfileKeys.ROLE_IDS);
    put(d, "member_id", v.string(ProfileKeys.MEMBER_ID));
  }

  private static void accessUser(ResourceView v, IdentityDraft d) {
    d.lastLogin = v.instant(AccessUserSyncer.LAST_LOGIN);
    if (d.lastLogin == null && v.user() != null && v.user().hasLastLogin()) {
      d.lastLogin = ResourceView.instant(v.user().getLastLogin());
    }
    d.lastLoginNote = d.lastLogin == null ? NEVER : null;
    d.riskLevel = v.string(AccessUserSyncer.RISK_LEVEL);
    Boolean access = v.bool(AccessUserSyncer.ACCESS_SEAT);
    Boolean gateway = v.bool(AccessUserSyncer.GATEWAY_SEAT);
    put(d, "access_seat", access == null ? null : access ? "yes" : "no");
    put(d, "gateway_seat", gateway == null ? null : gateway ? "yes" : "no");
  }

  private static void token(ResourceView v, IdentityDraft d) {
    d.lastLoginNote = NOT_APPLICABLE;
    String status = v.string(ProfileKeys.STATUS);
    d.tokenActive =
        status != null
            ? ApiTokenSyncer.ACTIVE.equalsIgnoreCase(status)
            : v.resource().getStatus().getStatus()
                == dev.batoncf.pb.connector.v2.Status.ResourceStatus.RESOURCE_STATUS_ENABLED;
    d.tokenExpiresOn = v.instant(ProfileKeys.EXPIRES_ON);
    if (d.tokenExpiresOn == null && v.secret() != null && v.secret().hasExpiresAt()) {
      d.tokenExpiresOn = ResourceView.instant(v.secret().getExpiresAt());
    }
    Instant lastUsed = v.instant(ProfileKeys.LAST_USED_ON);
    if (lastUsed == null && v.secret() != null && v.secret().hasLastUsedAt()) {
      lastUsed = ResourceView.instant(v.secret().getLastUsedAt());
    }
    put(d, "expires_on", d.tokenExpiresOn == null ? NEVER : Dates.iso(d.tokenExpiresOn));
    put(d, "last_used_on", lastUsed == null ? NEVER : Dates.iso(lastUsed));
    put(d, "issued_on", Dates.iso(v.instant(ProfileKeys.ISSUED_ON)));
    put(d, "creator_email", v.string(ProfileKeys.CREATOR_EMAIL));
    putList(d, "permission_groups", v.list(ProfileKeys.PERMISSION_GROUPS));
    putList(d, "allowed_ips", v.list(ProfileKeys.ALLOWED_IPS));
    putList(d, "denied_ips", v.list(ProfileKeys.DENIED_IPS));
  }

  private static void other(ResourceView v, IdentityDraft d) {
    if (v.user() != null && v.user().hasLastLogin()) {
      d.lastLogin = ResourceView.instant(v.user().getLastLogin());
    } else {
      d.lastLoginNote = v.user() != null ? "unknown" : NOT_APPLICABLE;
    }
  }

  private static void put(IdentityDraft d, String key, String value) {
    if (value != null) {
      d.details.put(key, value);
    }
  }

  private static void putList(IdentityDraft d, String key, List<String> values) {
    if (!values.isEmpty()) {
      d.details.put(key, List.copyOf(values));
    }
  }
}
