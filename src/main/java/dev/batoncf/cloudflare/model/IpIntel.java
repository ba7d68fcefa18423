package dev.batoncf.cloudflare.model;

import java.util.List;

/**
 * One item of {@code GET /intel/ip}'s result array (cloudflare-api.md §10). All nullable.
 *
 * @param belongsToRef the network the address belongs to (AS number, owner, country)
 */
public record IpIntel(String ip, BelongsToRef belongsToRef, List<IntelCategory> riskTypes) {

  /** {@code belongs_to_ref}: {@code type} is hosting_provider, isp or organization. */
  public record BelongsToRef(
      String id, String value, String type, String country, String description) {}
}
