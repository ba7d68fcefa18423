package dev.batoncf.connector;

import dev.batoncf.cloudflare.model.RiskSummaryUser;
import java.util.List;

/**
 * Reads the Zero Trust risk summary once (one request for all users) into the directory, so
 * Access users carry their risk level and user_risk_score rules can be evaluated.
 */
final class RiskSyncer implements PageHandler<RiskSummaryUser> {
  private final AccessDirectory directory;

  RiskSyncer(AccessDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void onPage(List<RiskSummaryUser> users, RowSink sink) {
    directory.riskScoringAvailable();
    users.forEach(u -> directory.putRisk(u.userId(), u.maxRiskLevel()));
  }
}
