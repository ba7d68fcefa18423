package dev.batoncf.connector;

import dev.batoncf.pb.connector.v2.RiskFactor;
import dev.batoncf.pb.connector.v2.RiskScore;
import dev.batoncf.pb.connector.v2.SecurityInsightTrait;
import java.util.Locale;
import java.util.Optional;

/**
 * A Zero Trust risk level as Baton's security-insight trait: a risk score normalised to 0–100
 * (Cloudflare gives only low/medium/high: 30/60/90), the level itself as the source score and as
 * one factor, bound to the Access user by email and id. Pure.
 */
final class RiskInsight {
  static final int LOW = 30;
  static final int MEDIUM = 60;
  static final int HIGH = 90;

  private RiskInsight() {}

  /** Empty for no level, an unknown level or a user without email. */
  static Optional<SecurityInsightTrait> of(String level, String email, String accessUserId) {
    if (level == null || email == null || accessUserId == null) {
      return Optional.empty();
    }
    String l = level.toLowerCase(Locale.ROOT);
    int score;
    RiskFactor.Severity severity;
    switch (l) {
      case "low" -> {
        score = LOW;
        severity = RiskFactor.Severity.SEVERITY_LOW;
      }
      case "medium" -> {
        score = MEDIUM;
        severity = RiskFactor.Severity.SEVERITY_MEDIUM;
      }
      case "high" -> {
        score = HIGH;
        severity = RiskFactor.Severity.SEVERITY_HIGH;
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(
        SecurityInsightTrait.newBuilder()
            .setRiskScore(
                RiskScore.newBuilder()
                    .setNormalizedScore(score)
                    .setSourceScore(l)
                    .addRiskFactors(
                        RiskFactor.newBuilder()
                            .setDescription("Cloudflare Zero Trust risk level " + l)
                            .setSeverity(severity)))
            .setAppUser(
                SecurityInsightTrait.AppUserTarget.newBuilder()
                    .setEmail(email)
                    .setExternalId(accessUserId))
            .build());
  }
}
