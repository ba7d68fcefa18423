package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.pb.connector.v2.BatonActionSchema;

/**
 * {@code delete_risk_integration {id}}. Idempotent: an integration that is already gone is a
 * success with {@code deleted: false}, like the other deletes of this connector. A write.
 */
final class DeleteRiskIntegration implements Action {
  static final String NAME = "delete_risk_integration";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Delete Risk Integration",
              "Deletes a Zero Trust risk-scoring integration. Changes Cloudflare: needs provisioning "
                  + "(-p).")
          .addArguments(IntegrationFields.id(true))
          .addReturnTypes(IntegrationFields.RESULT_SUCCESS)
          .addReturnTypes(bool("deleted", "Deleted", "False when it did not exist", false))
          .addReturnTypes(Schemas.string(IntegrationFields.ARG_ID, "Integration ID", "", false, ""))
          .addReturnTypes(IntegrationFields.RESULT_MESSAGE)
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String id = Inputs.uuid(IntegrationFields.ARG_ID, args.string(IntegrationFields.ARG_ID));
    return PreparedAction.write(
        NAME,
        client -> {
          JsonObject o = new JsonObject();
          o.addProperty(Results.SUCCESS, true);
          try {
            client.deleteRiskIntegration(id);
            o.addProperty("deleted", true);
            o.addProperty(IntegrationFields.ARG_ID, id);
          } catch (CloudflareException.NotFound e) {
            o.addProperty("deleted", false);
            o.addProperty(IntegrationFields.ARG_ID, id);
            o.addProperty(
                Results.MESSAGE, IntegrationFields.NO_SUCH_INTEGRATION + "id; nothing to delete");
          }
          return o;
        });
  }
}
