package dev.batoncf.cloudflare.model;

/**
 * Request bodies of the risk-integration writes. Gson writes the fields in snake_case and leaves
 * out nulls, so a {@code referenceId} of null is not sent.
 */
public final class RiskIntegrationBody {
  private RiskIntegrationBody() {}

  /** {@code POST …/zt_risk_scoring/integrations}. */
  public record Create(String integrationType, String tenantUrl, String referenceId) {}

  /** {@code PUT …/integrations/{id}}: the values sent overwrite all. */
  public record Update(boolean active, String tenantUrl, String referenceId) {}
}
