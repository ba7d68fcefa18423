package dev.batoncf.review;

/**
 * The findings an access review flags. {@link #code()} is a stable machine-readable value (JSON,
 * CSV); {@link #title()} and {@link #explanation} are for a reviewer who has never seen Baton.
 */
public enum FlagCode {
  SUPER_ADMIN("super_admin", "Super Administrator"),
  NO_TWO_FACTOR("no_2fa", "No two-factor authentication"),
  STALE_INVITATION("stale_invitation", "Old pending invitation"),
  RISKY_ACCESS_USER("risky_user", "Risky Zero Trust user"),
  DORMANT("dormant", "Dormant account"),
  TOKEN_NO_EXPIRY("token_no_expiry", "API token never expires"),
  TOKEN_EXPIRES_SOON("token_expires_soon", "API token expires soon"),
  TOKEN_EXPIRED_ACTIVE("token_expired_active", "API token expired but still active");

  private final String code;
  private final String title;

  FlagCode(String code, String title) {
    this.code = code;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** What the flag means and why it matters, with the thresholds this review used. */
  public String explanation(ReviewRules rules) {
    return switch (this) {
      case SUPER_ADMIN ->
          "Holds, or is invited with, Cloudflare's Super Administrator role: full "
              + "control of the account, including members, billing and every setting. Keep it to the "
              + "few people who need it.";
      case NO_TWO_FACTOR ->
          "An account member whose Cloudflare login has no second factor: a "
              + "stolen password is enough to use every role the member has.";
      case STALE_INVITATION ->
          "An invitation still not accepted after at least "
              + days(rules.staleInvitationDays())
              + ". Whoever reads the invited mailbox can still "
              + "accept it; cancel it if it is no longer needed. Cloudflare does not say when an "
              + "invitation was sent, so its age is known only from earlier syncs in which it was "
              + "already pending.";
      case RISKY_ACCESS_USER ->
          "Cloudflare Zero Trust rates this Access user's recent activity "
              + "as "
              + rules.minRiskLevel().wire()
              + (rules.minRiskLevel() == ReviewRules.RiskLevel.HIGH ? "" : " or higher")
              + " risk (for example impossible travel or a malware "
              + "download). Check the user's recent activity and sessions.";
      case DORMANT ->
          "No Zero Trust Access login in the last "
              + days(rules.dormantDays())
              + " (or never, for an Access user created longer ago than that). Access nobody uses "
              + "is access to remove. Cloudflare does not report when account members last signed "
              + "in to the dashboard, so members are never flagged as dormant: their last login is "
              + "shown as unknown.";
      case TOKEN_NO_EXPIRY ->
          "An active API token without an expiry date: it keeps working "
              + "until someone revokes it, even if it leaks.";
      case TOKEN_EXPIRES_SOON ->
          "An active API token that expires within the next "
              + days(rules.tokenExpiryDays())
              + ": whatever uses it will stop working unless it is "
              + "rolled.";
      case TOKEN_EXPIRED_ACTIVE ->
          "An API token whose expiry date has passed while Cloudflare "
              + "still reports it as active. Confirm it no longer works, then delete it.";
    };
  }

  static String days(long n) {
    return n == 1 ? "1 day" : n + " days";
  }
}
