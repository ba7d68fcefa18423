package dev.batoncf.simulator;

import java.util.List;

/**
 * Threat-intel records served by {@code /intel/ip} and {@code /intel/domain} (cloudflare-api.md
 * §10).
 */
public final class SimIntel {
  private SimIntel() {}

  /** {@code {id, name, super_category_id}}: a risk type or a content category. */
  public record Category(int id, String name, int superCategoryId) {}

  /**
   * One {@code /intel/ip} item.
   *
   * @param asnId STIX-like id, e.g. {@code autonomous-system--…}
   * @param asnValue the AS number as a string
   * @param ownerType hosting_provider, isp or organization
   */
  public record Ip(
      String ip,
      String asnId,
      String asnValue,
      String ownerType,
      String country,
      String description,
      List<Category> riskTypes) {
    public Ip {
      riskTypes = List.copyOf(riskTypes);
    }
  }

  /** One {@code /intel/domain} result; {@code popularityRank} null when unranked. */
  public record Domain(
      String domain,
      double riskScore,
      Integer popularityRank,
      int applicationId,
      String applicationName,
      List<Category> contentCategories,
      List<Category> riskTypes,
      List<Category> inheritedContentCategories,
      List<Category> inheritedRiskTypes,
      String inheritedFrom,
      List<String> resolvesTo,
      String suspectedMalwareFamily) {
    public Domain {
      contentCategories = List.copyOf(contentCategories);
      riskTypes = List.copyOf(riskTypes);
      inheritedContentCategories = List.copyOf(inheritedContentCategories);
      inheritedRiskTypes = List.copyOf(inheritedRiskTypes);
      resolvesTo = List.copyOf(resolvesTo);
    }
  }
}
