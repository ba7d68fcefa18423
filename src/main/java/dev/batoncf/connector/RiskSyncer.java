package dev.batoncf.connector;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.model.Page;
import dev.batoncf.cloudflare.model.RiskSummaryUser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Zero Trust risk summary (one request when it fits one page, as the schema says it
 * always does) into the directory, so Access users carry their risk level and user_risk_score rules
 * can be evaluated. It follows {@code result_info} when that shows more pages, and when what was
 * read falls short of the {@code total_count} Cloudflare reported, risk stays unknown: a partial
 * summary must not make anyone look unscored.
 */
final class RiskSyncer implements PageHandler<RiskSummaryUser>, Feed.Fetcher<RiskSummaryUser> {
  private static final Logger log = LoggerFactory.getLogger(RiskSyncer.class);
  private final CloudflareClient client;
  private final AccessDirectory directory;
  private final Set<String> read = new HashSet<>();
  private List<RiskSummaryUser> previous = List.of();
  private int reported = -1;

  RiskSyncer(CloudflareClient client, AccessDirectory directory) {
    this.client = client;
    this.directory = directory;
  }

  /**
   * A page past the first that is empty or repeats the one before means Cloudflare has no more to
   * give (the endpoint takes no paging): the walk ends there and the count decides.
   */
  @Override
  public Page<RiskSummaryUser> fetch(int page, int perPage) {
    Page<RiskSummaryUser> p = client.riskSummary(page);
    if (page == 1) {
      reported = p.totalCount();
    }
    if (page > 1 && (p.items().isEmpty() || p.items().equals(previous))) {
      return new Page<>(List.of(), page, p.perPage(), p.totalCount(), true);
    }
    previous = p.items();
    return p;
  }

  @Override
  public void onPage(List<RiskSummaryUser> users, RowSink sink) {
    for (RiskSummaryUser u : users) {
      directory.putRisk(u.userId(), u.maxRiskLevel());
      if (u.userId() != null) {
        read.add(u.userId());
      }
    }
  }

  @Override
  public void onEnd(RowSink sink) {
    if (complete(read.size(), reported)) {
      directory.riskScoringAvailable();
    } else {
      directory.riskIncomplete();
      log.warn(
          "the risk summary reported {} users but {} could be read; risk levels are "
              + "treated as unknown (user_risk_score rules undecided)",
          reported,
          read.size());
    }
  }

  /** Whether {@code read} users add up to what Cloudflare reported (-1: it did not say). */
  static boolean complete(int read, int reported) {
    return reported < 0 || read >= reported;
  }
}
