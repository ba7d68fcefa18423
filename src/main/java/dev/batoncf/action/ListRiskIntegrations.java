package dev.batoncf.action;

import static dev.batoncf.action.Schemas.integer;
import static dev.batoncf.action.Schemas.map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.RiskIntegration;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.List;

/** {@code list_risk_integrations}: every risk-scoring integration of the account (one page). */
final class ListRiskIntegrations implements Action {
  static final String NAME = "list_risk_integrations";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "List Risk Integrations",
              "Lists the account's Zero Trust risk-scoring integrations.")
          .addReturnTypes(integer("count", "Count", "Number of integrations"))
          .addReturnTypes(
              map(
                  "integrations",
                  "Integrations",
                  "List of {id, accountTag, active, "
                      + "createdAt, integrationType, referenceId, tenantUrl, wellKnownUrl}",
                  false))
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    return PreparedAction.read(
        NAME,
        client -> {
          List<RiskIntegration> all = client.riskIntegrations();
          JsonArray items = new JsonArray(all.size());
          all.forEach(i -> items.add(Results.integration(i)));
          JsonObject o = new JsonObject();
          o.addProperty("count", all.size());
          o.add("integrations", items);
          return o;
        });
  }
}
