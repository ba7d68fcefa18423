package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.string;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.pb.config.v1.Field;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code revoke_app_tokens {app_id}}: revokes every token issued for one Access application, for
 * everyone (Cloudflare has no per-person variant; cloudflare-api.md §16), e.g. after a policy was
 * tightened. A write.
 */
final class RevokeAppTokens implements Action {
  static final String NAME = "revoke_app_tokens";
  static final String ARG_APP_ID = "app_id";

  /** Cloudflare takes the 32-hex identifier or the UUID ({@code access_app_id}). */
  private static final Pattern APP_ID =
      Pattern.compile(
          "[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final Field APP =
      string(
          ARG_APP_ID,
          "Application ID",
          "The Access application's id (the access_app resource id)",
          true,
          "0c1a2b3c-4d5e-46f7-8a9b-0c1d2e3f4a5b");

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Revoke App Tokens",
              "Revokes every token Zero Trust Access issued for one application, for all its users. "
                  + "Changes Cloudflare: needs provisioning (-p).")
          .addArguments(APP)
          .addReturnTypes(
              bool(Results.SUCCESS, "Success", "Whether the tokens were revoked", false))
          .addReturnTypes(bool(Results.FOUND, "Found", "Whether the application exists", false))
          .addReturnTypes(string(ARG_APP_ID, "Application ID", "", false, ""))
          .addReturnTypes(string(Results.MESSAGE, "Message", "Why nothing was revoked", false, ""))
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String raw = args.string(ARG_APP_ID);
    if (!APP_ID.matcher(raw).matches()) {
      throw new ActionArgumentException(
          ARG_APP_ID,
          "'"
              + ActionArgs.printable(raw)
              + "' is not an Access application id (a UUID or 32 hex digits)");
    }
    String id = raw.toLowerCase(Locale.ROOT);
    return PreparedAction.write(
        NAME,
        client -> {
          JsonObject o = new JsonObject();
          o.addProperty(ARG_APP_ID, id);
          try {
            client.revokeAppTokens(id);
            o.addProperty(Results.FOUND, true);
            return Results.withSuccess(true, o);
          } catch (CloudflareException.NotFound e) {
            o.addProperty(Results.FOUND, false);
            o.addProperty(
                Results.MESSAGE, "no Access application has this id; nothing was revoked");
            return Results.withSuccess(false, o);
          }
        });
  }
}
