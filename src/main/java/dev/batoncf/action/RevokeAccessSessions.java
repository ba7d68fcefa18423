package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.string;

import com.google.gson.JsonObject;
import dev.batoncf.pb.connector.v2.BatonActionSchema;

/**
 * {@code revoke_access_sessions {email}}: Cloudflare's {@code revoke_user}, which revokes the
 * Access tokens already issued to a person (cloudflare-api.md §16): the off-boarding step after
 * access is removed, so an open session does not outlive the revoke. A write.
 */
final class RevokeAccessSessions implements Action {
  static final String NAME = "revoke_access_sessions";

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Revoke Access Sessions",
              "Revokes every Zero Trust Access token issued to a person (off-boarding: run it after "
                  + "removing their access). Changes Cloudflare: needs provisioning (-p).")
          .addArguments(UserRiskFields.EMAIL)
          .addReturnTypes(
              bool(
                  Results.SUCCESS,
                  "Success",
                  "Cloudflare's answer: whether it revoked the person's tokens",
                  false))
          .addReturnTypes(string("email", "Email", "The email the revocation was for", false, ""))
          .addReturnTypes(string(Results.MESSAGE, "Message", "Why nothing was revoked", false, ""))
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
          boolean revoked = client.revokeAccessUser(email);
          JsonObject o = new JsonObject();
          o.addProperty("email", email);
          if (!revoked) {
            o.addProperty(
                Results.MESSAGE,
                "Cloudflare revoked nothing for this email (it knows "
                    + "no Access user with it, or none had a session)");
          }
          return Results.withSuccess(revoked, o);
        });
  }
}
