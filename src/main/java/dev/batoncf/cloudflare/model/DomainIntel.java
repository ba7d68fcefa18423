package dev.batoncf.cloudflare.model;

import java.util.List;

/**
 * The result object of {@code GET /intel/domain} (cloudflare-api.md §10). All nullable.
 *
 * @param riskScore 0–1
 * @param popularityRank 1 = most popular, up to 100,000; null when unranked
 */
public record DomainIntel(
    String domain,
    Double riskScore,
    Integer popularityRank,
    Application application,
    List<IntelCategory> contentCategories,
    List<IntelCategory> inheritedContentCategories,
    List<IntelCategory> riskTypes,
    List<IntelCategory> inheritedRiskTypes,
    String inheritedFrom,
    List<Ref> resolvesToRefs,
    AdditionalInformation additionalInformation) {

  public record Application(Integer id, String name) {}

  /** A STIX-like reference such as {@code {"id":"ipv4-addr--…","value":"203.0.113.7"}}. */
  public record Ref(String id, String value) {}

  public record AdditionalInformation(String suspectedMalwareFamily) {}
}
