package dev.batoncf.review;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The thresholds an access review applies, and the instant ages are measured from. Passing the
 * instant in (instead of reading the clock inside) makes a report reproducible.
 *
 * @param staleInvitationDays a pending invitation this old (at least) is flagged
 * @param dormantDays an Access user without a login for this long is flagged
 * @param tokenExpiryDays an active API token expiring within this many days is flagged
 * @param minRiskLevel Access users at this Zero Trust risk level or above are flagged
 * @param asOf "now" for every age in the report
 */
public record ReviewRules(
    int staleInvitationDays,
    int dormantDays,
    int tokenExpiryDays,
    RiskLevel minRiskLevel,
    Instant asOf) {
  public static final int DEFAULT_STALE_INVITATION_DAYS = 14;
  public static final int DEFAULT_DORMANT_DAYS = 90;
  public static final int DEFAULT_TOKEN_EXPIRY_DAYS = 30;

  public ReviewRules {
    Objects.requireNonNull(minRiskLevel, "minRiskLevel");
    Objects.requireNonNull(asOf, "asOf");
    if (staleInvitationDays < 0 || dormantDays < 0 || tokenExpiryDays < 0) {
      throw new IllegalArgumentException("day counts must be >= 0");
    }
  }

  /** The documented defaults, with ages measured from {@code clock}'s now. */
  public static ReviewRules defaults(Clock clock) {
    return new ReviewRules(
        DEFAULT_STALE_INVITATION_DAYS,
        DEFAULT_DORMANT_DAYS,
        DEFAULT_TOKEN_EXPIRY_DAYS,
        RiskLevel.HIGH,
        clock.instant());
  }

  /** Zero Trust user risk levels, lowest first (Cloudflare's wire values in lower case). */
  public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH;

    /** "high" → HIGH; null for anything else (unscored, or a level Cloudflare adds later). */
    public static RiskLevel parse(String wire) {
      if (wire == null) {
        return null;
      }
      for (RiskLevel l : values()) {
        if (l.wire().equals(wire.trim().toLowerCase(Locale.ROOT))) {
          return l;
        }
      }
      return null;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
