package dev.batoncf.action;

import static dev.batoncf.action.Schemas.choice;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.RiskIntegration;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.List;
import java.util.Locale;

/**
 * {@code create_risk_integration {integration_type, tenant_url, reference_id}}: connects an
 * identity provider (Okta, the only type Cloudflare has) to Zero Trust risk scoring. A write.
 */
final class CreateRiskIntegration implements Action {
  static final String NAME = "create_risk_integration";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Create Risk Integration",
              "Creates a Zero Trust risk-scoring integration that shares risk-score changes with an "
                  + "identity provider tenant. Changes Cloudflare: needs provisioning (-p).")
          .addArguments(
              choice(
                  IntegrationFields.ARG_TYPE,
                  "Integration Type",
                  "The identity provider kind (default Okta, the only one Cloudflare supports)",
                  false,
                  List.of(RiskIntegration.OKTA)))
          .addArguments(IntegrationFields.tenantUrl(true))
          .addArguments(IntegrationFields.REFERENCE_ID)
          .addReturnTypes(IntegrationFields.RESULT_SUCCESS)
          .addReturnTypes(IntegrationFields.RESULT_INTEGRATION)
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String type = args.optionalString(IntegrationFields.ARG_TYPE).orElse(RiskIntegration.OKTA);
    if (!type.toLowerCase(Locale.ROOT).equals(RiskIntegration.OKTA.toLowerCase(Locale.ROOT))) {
      throw new ActionArgumentException(
          IntegrationFields.ARG_TYPE,
          "must be Okta, the only integration type Cloudflare supports");
    }
    String tenantUrl =
        Inputs.httpsUrl(
            IntegrationFields.ARG_TENANT_URL, args.string(IntegrationFields.ARG_TENANT_URL));
    String referenceId =
        args.optionalString(IntegrationFields.ARG_REFERENCE_ID)
            .map(r -> Inputs.referenceId(IntegrationFields.ARG_REFERENCE_ID, r))
            .orElse(null);
    return PreparedAction.write(
        NAME,
        client -> {
          RiskIntegration created =
              client.createRiskIntegration(RiskIntegration.OKTA, tenantUrl, referenceId);
          JsonObject o = new JsonObject();
          o.addProperty(Results.SUCCESS, true);
          o.add(IntegrationFields.INTEGRATION, Results.integration(created));
          return o;
        });
  }
}
