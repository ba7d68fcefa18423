package dev.batoncf.review;

import static dev.batoncf.review.FlagCode.days;

import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.connector.RoleSyncer;
import dev.batoncf.review.IdentityDraft.AccessDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Applies the review's rules to one identity. Pure: the same draft and rules, the same flags. */
final class Flagger {
  static final String SUPER_ADMIN_ENTITLEMENT = "role:" + RoleSyncer.SUPER_ADMIN_ID + ":member";

  private final ReviewRules rules;

  Flagger(ReviewRules rules) {
    this.rules = rules;
  }

  List<Flag> flags(IdentityDraft d) {
    List<Flag> out = new ArrayList<>(1);
    superAdmin(d, out);
    switch (d.type) {
      case ResourceTypes.USER_ID -> {
        if (Boolean.FALSE.equals(d.twoFactor)) {
          out.add(
              new Flag(
                  FlagCode.NO_TWO_FACTOR,
                  "Two-factor authentication is off for this " + "Cloudflare login."));
        }
      }
      case ResourceTypes.INVITATION_ID -> staleInvitation(d, out);
      case ResourceTypes.ACCESS_USER_ID -> {
        risk(d, out);
        dormant(d, out);
      }
      case ResourceTypes.API_TOKEN_ID -> token(d, out);
      default -> {}
    }
    return out;
  }

  private void superAdmin(IdentityDraft d, List<Flag> out) {
    for (AccessDraft a : d.access) {
      if (a.entitlement.id().equals(SUPER_ADMIN_ENTITLEMENT)) {
        out.add(
            new Flag(
                FlagCode.SUPER_ADMIN,
                a.invited && !a.direct
                    ? "Invited with the Super Administrator role: full control once accepted."
                    : "Holds the Super Administrator role: full control of the account."));
        return;
      }
    }
  }

  private void staleInvitation(IdentityDraft d, List<Flag> out) {
    if (d.pendingSince == null) {
      return;
    }
    long age = Dates.daysBetween(d.pendingSince, rules.asOf());
    if (age >= rules.staleInvitationDays()) {
      out.add(
          new Flag(
              FlagCode.STALE_INVITATION,
              "Pending for at least "
                  + days(age)
                  + ": it was already pending in the sync of "
                  + Dates.day(d.pendingSince)
                  + "."));
    }
  }

  private void risk(IdentityDraft d, List<Flag> out) {
    ReviewRules.RiskLevel level = ReviewRules.RiskLevel.parse(d.riskLevel);
    if (level != null && level.compareTo(rules.minRiskLevel()) >= 0) {
      out.add(
          new Flag(FlagCode.RISKY_ACCESS_USER, "Zero Trust risk level is " + level.wire() + "."));
    }
  }

  private void dormant(IdentityDraft d, List<Flag> out) {
    Instant asOf = rules.asOf();
    if (d.lastLogin != null) {
      long idle = Dates.daysBetween(d.lastLogin, asOf);
      if (idle >= rules.dormantDays()) {
        out.add(
            new Flag(
                FlagCode.DORMANT,
                "No Access login for "
                    + days(idle)
                    + " (last on "
                    + Dates.day(d.lastLogin)
                    + ")."));
      }
    } else if (d.createdAt != null) {
      long age = Dates.daysBetween(d.createdAt, asOf);
      if (age >= rules.dormantDays()) {
        out.add(
            new Flag(
                FlagCode.DORMANT,
                "Never logged in; created "
                    + days(age)
                    + " ago (on "
                    + Dates.day(d.createdAt)
                    + ")."));
      }
    }
  }

  private void token(IdentityDraft d, List<Flag> out) {
    if (!d.tokenActive) {
      return;
    }
    Instant expires = d.tokenExpiresOn;
    if (expires == null) {
      out.add(new Flag(FlagCode.TOKEN_NO_EXPIRY, "Active and never expires."));
      return;
    }
    if (!expires.isAfter(rules.asOf())) {
      out.add(
          new Flag(
              FlagCode.TOKEN_EXPIRED_ACTIVE,
              "Expired on "
                  + Dates.day(expires)
                  + " ("
                  + days(Dates.daysBetween(expires, rules.asOf()))
                  + " ago) but is still active."));
      return;
    }
    long left = Dates.daysBetween(rules.asOf(), expires);
    if (java.time.Duration.between(rules.asOf(), expires)
            .compareTo(java.time.Duration.ofDays(rules.tokenExpiryDays()))
        <= 0) {
      out.add(
          new Flag(
              FlagCode.TOKEN_EXPIRES_SOON,
              "Expires on "
                  + Dates.day(expires)
                  + " (in "
                  + (left == 0 ? "less than a day" : days(left))
                  + ")."));
    }
  }
}
