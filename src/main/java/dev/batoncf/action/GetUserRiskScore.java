package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.integer;
import static dev.batoncf.action.Schemas.map;
import static dev.batoncf.action.Schemas.string;

import dev.batoncf.cloudflare.model.AccessUser;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.Optional;

/**
 * {@code get_user_risk_score {email}}: finds the Zero Trust Access user by email, then reads the
 * user's risk score. An unknown email is a result ({@code found: false}), not a failure.
 */
final class GetUserRiskScore implements Action {
  static final String NAME = "get_user_risk_score";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Get User Risk Score",
              "The Zero Trust risk score of a user (low, medium or high, from the user's behaviour), "
                  + "with the risk events behind it. Needs a Zero Trust Enterprise plan.")
          .addArguments(UserRiskFields.EMAIL)
          .addReturnTypes(
              bool(Results.FOUND, "Found", "Whether an Access user has this email", false))
          .addReturnTypes(string("email", "Email", "The user's email", false, ""))
          .addReturnTypes(string("name", "Name", "The user's name", false, ""))
          .addReturnTypes(string("userId", "User ID", "The Access user id", false, ""))
          .addReturnTypes(
              string(
                  "riskLevel",
                  "Risk Level",
                  "low, medium or high; null when the user was never scored",
                  false,
                  ""))
          .addReturnTypes(
              string("lastResetTime", "Last Reset Time", "RFC 3339, or null", false, ""))
          .addReturnTypes(integer("eventCount", "Event Count", "Number of risk events"))
          .addReturnTypes(
              map(
                  "riskEvents",
                  "Risk Events",
                  "List of {id, name, riskLevel, timestamp, " + "eventDetails}",
                  false))
          .addReturnTypes(string(Results.MESSAGE, "Message", "Why nothing was found", false, ""))
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String email = Inputs.email(UserRiskFields.ARG_EMAIL, args.string(UserRiskFields.ARG_EMAIL));
    return PreparedAction.read(
        NAME,
        client -> {
          Optional<AccessUser> user = client.accessUserByEmail(email);
          if (user.isEmpty()) {
            return Results.notFound(UserRiskFields.ARG_EMAIL, email, UserRiskFields.NO_SUCH_USER);
          }
          return UserRiskFields.withRisk(
              UserRiskFields.user(user.get()), client.userRisk(user.get().id()));
        });
  }
}
