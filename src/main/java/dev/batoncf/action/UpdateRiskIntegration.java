package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.model.RiskIntegration;
import dev.batoncf.pb.config.v1.ConstraintKind;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.Optional;

/**
 * {@code update_risk_integration {id, active, tenant_url, reference_id}}: changes the given fields
 * and keeps the others. Cloudflare's PUT overwrites everything and requires {@code active} and
 * {@code tenant_url}, so the current integration is read first and the unchanged values are sent
 * back. A write.
 */
final class UpdateRiskIntegration implements Action {
  static final String NAME = "update_risk_integration";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Update Risk Integration",
              "Enables or disables a Zero Trust risk-scoring integration, or changes its tenant URL or "
                  + "reference id; fields not given keep their value. Changes Cloudflare: needs "
                  + "provisioning (-p).")
          .addArguments(IntegrationFields.id(true))
          .addArguments(
              bool(
                  IntegrationFields.ARG_ACTIVE,
                  "Active",
                  "Whether the integration exports risk-score changes",
                  false))
          .addArguments(IntegrationFields.TENANT_URL_OPTIONAL)
          .addArguments(IntegrationFields.REFERENCE_ID)
          .addConstraints(
              Schemas.constraint(
                  ConstraintKind.CONSTRAINT_KIND_AT_LEAST_ONE,
                  IntegrationFields.ARG_ACTIVE,
                  IntegrationFields.ARG_TENANT_URL,
                  IntegrationFields.ARG_REFERENCE_ID))
          .addReturnTypes(IntegrationFields.RESULT_SUCCESS)
          .addReturnTypes(IntegrationFields.RESULT_FOUND)
          .addReturnTypes(IntegrationFields.RESULT_INTEGRATION)
          .addReturnTypes(IntegrationFields.RESULT_MESSAGE)
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String id = Inputs.uuid(IntegrationFields.ARG_ID, args.string(IntegrationFields.ARG_ID));
    Optional<Boolean> active = args.optionalBool(IntegrationFields.ARG_ACTIVE);
    Optional<String> tenantUrl =
        args.optionalString(IntegrationFields.ARG_TENANT_URL)
            .map(u -> Inputs.httpsUrl(IntegrationFields.ARG_TENANT_URL, u));
    Optional<String> referenceId =
        args.optionalString(IntegrationFields.ARG_REFERENCE_ID)
            .map(r -> Inputs.referenceId(IntegrationFields.ARG_REFERENCE_ID, r));
    return PreparedAction.write(
        NAME,
        client -> {
          RiskIntegration current;
          try {
            current = client.riskIntegration(id);
          } catch (CloudflareException.NotFound e) {
            return Results.withSuccess(
                false,
                Results.notFound(
                    IntegrationFields.ARG_ID,
                    id,
                    IntegrationFields.NO_SUCH_INTEGRATION + "id; nothing was updated"));
          }
          RiskIntegration updated =
              client.updateRiskIntegration(
                  id,
                  active.orElse(Boolean.TRUE.equals(current.active())),
                  tenantUrl.orElse(current.tenantUrl()),
                  referenceId.orElse(current.referenceId()));
          return IntegrationFields.done(true, updated);
        });
  }
}
