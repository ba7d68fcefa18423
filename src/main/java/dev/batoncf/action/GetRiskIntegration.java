package dev.batoncf.action;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.model.RiskIntegration;
import dev.batoncf.pb.config.v1.ConstraintKind;
import dev.batoncf.pb.connector.v2.BatonActionSchema;

/**
 * {@code get_risk_integration {id | reference_id}}: one integration, by its id or by the client's
 * reference id. Unknown → {@code found: false}.
 */
final class GetRiskIntegration implements Action {
  static final String NAME = "get_risk_integration";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Get Risk Integration",
              "Reads one Zero Trust risk-scoring integration by id or by reference id (give one).")
          .addArguments(IntegrationFields.id(false))
          .addArguments(IntegrationFields.REFERENCE_ID)
          .addConstraints(
              Schemas.constraint(
                  ConstraintKind.CONSTRAINT_KIND_AT_LEAST_ONE,
                  IntegrationFields.ARG_ID,
                  IntegrationFields.ARG_REFERENCE_ID))
          .addConstraints(
              Schemas.constraint(
                  ConstraintKind.CONSTRAINT_KIND_MUTUALLY_EXCLUSIVE,
                  IntegrationFields.ARG_ID,
                  IntegrationFields.ARG_REFERENCE_ID))
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
    if (args.has(IntegrationFields.ARG_ID)) {
      String id = Inputs.uuid(IntegrationFields.ARG_ID, args.string(IntegrationFields.ARG_ID));
      return PreparedAction.read(
          NAME,
          client -> {
            try {
              return found(client.riskIntegration(id));
            } catch (CloudflareException.NotFound e) {
              return Results.notFound(
                  IntegrationFields.ARG_ID, id, IntegrationFields.NO_SUCH_INTEGRATION + "id");
            }
          });
    }
    String ref =
        Inputs.referenceId(
            IntegrationFields.ARG_REFERENCE_ID, args.string(IntegrationFields.ARG_REFERENCE_ID));
    return PreparedAction.read(
        NAME,
        client -> {
          try {
            return found(client.riskIntegrationByReference(ref));
          } catch (CloudflareException.NotFound e) {
            return Results.notFound(
                IntegrationFields.ARG_REFERENCE_ID,
                ref,
                IntegrationFields.NO_SUCH_INTEGRATION + "reference id");
          }
        });
  }

  private static JsonObject found(RiskIntegration i) {
    JsonObject o = new JsonObject();
    o.addProperty(Results.FOUND, true);
    o.add(IntegrationFields.INTEGRATION, Results.integration(i));
    return o;
  }
}
