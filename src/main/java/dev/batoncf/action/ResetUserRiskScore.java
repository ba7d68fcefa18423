package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.string;

import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.Optional;

/**
 * {@code reset_user_risk_score {email}}: returns a user's risk score to baseline (Cloudflare sets
 * it to low and clears the events). A write: refused without provisioning.
 */
final class ResetUserRiskScore implements Action {
  static final String NAME = "reset_user_risk_score";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Reset User Risk Score",
              "Resets a Zero Trust user's risk score to baseline, e.g. after an investigation. "
                  + "Changes Cloudflare: needs provisioning (-p).")
          .addArguments(UserRiskFields.EMAIL)
          .addReturnTypes(bool(Results.SUCCESS, "Success", "Whether the score was reset", false))
          .addReturnTypes(
              bool(Results.FOUND, "Found", "Whether an Access user has this email", false))
          .addReturnTypes(string("email", "Email", "The user's email", false, ""))
          .addReturnTypes(string("name", "Name", "The user's name", false, ""))
          .addReturnTypes(string("userId", "User ID", "The Access user id", false, ""))
          .addReturnTypes(string(Results.MESSAGE, "Message", "Why nothing was reset", false, ""))
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String email = Inputs.email(UserRiskFields.ARG_EMAIL, args.string(UserRiskFields.ARG_EMAIL));
    return PreparedAction.write(
        NAME,
        client -> {
          Optional<AccessUser> user = client.accessUserByEmail(email);
          if (user.isEmpty()) {
            return Results.withSuccess(
                false,
                Results.notFound(
                    UserRiskFields.ARG_EMAIL,
                    email,
                    UserRiskFields.NO_SUCH_USER + "; nothing was reset"));
          }
          client.resetUserRisk(user.get().id());
          return Results.withSuccess(true, UserRiskFields.user(user.get()));
        });
  }
}
