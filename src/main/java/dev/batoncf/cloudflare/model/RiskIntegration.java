package dev.batoncf.cloudflare.model;

/**
 * A Zero Trust risk-scoring integration (cloudflare-api.md §9, seed 002).
 *
 * @param integrationType only {@link #OKTA} exists
 * @param wellKnownUrl the Shared Signals Framework configuration path
 */
public record RiskIntegration(
    String id,
    String accountTag,
    Boolean active,
    String createdAt,
    String integrationType,
    String referenceId,
    String tenantUrl,
    String wellKnownUrl) {

  /** The one integration type the API accepts (wire value, case-sensitive). */
  public static final String OKTA = "Okta";
}
