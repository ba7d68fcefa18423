package dev.batoncf.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.batoncf.action.ActionException;
import dev.batoncf.action.ActionRegistry;
import dev.batoncf.action.PreparedAction;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.Settings;
import dev.batoncf.pb.connector.v2.ListActionSchemasResponse;
import java.io.IOException;
import java.io.StringReader;

/**
 * {@code --list-action-schemas} and {@code --invoke-action NAME --invoke-action-args JSON}.
 *
 * <p>Schemas print as the protojson of Baton's {@code ListActionSchemasResponse} ({@code
 * {"schemas":[…]}}), the same messages the gRPC ActionService returns. An action's result prints as
 * a JSON object on stdout, exit 0. A bad argument, an unknown action or a write without -p is exit
 * 2 with one line naming the problem, and nothing is sent to Cloudflare; a Cloudflare failure is
 * exit 1.
 */
final class ActionRunner {
  private static final Gson PRETTY =
      new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

  private final CliContext ctx;
  private final ActionRegistry registry;

  ActionRunner(CliContext ctx) {
    this(ctx, ActionRegistry.standard());
  }

  ActionRunner(CliContext ctx, ActionRegistry registry) {
    this.ctx = ctx;
    this.registry = registry;
  }

  int listSchemas(ActionOptions actions, ProvisioningOptions ops) {
    checkFlags(actions, ops);
    ctx.out()
        .println(
            ProtoJson.pretty(
                ListActionSchemasResponse.newBuilder().addAllSchemas(registry.schemas()).build()));
    ctx.out().flush();
    return ExitCodes.OK;
  }

  int run(Settings settings, ActionOptions actions, ProvisioningOptions ops) {
    checkFlags(actions, ops);
    if (actions.listActionSchemas) {
      return listSchemas(actions, ops);
    }
    PreparedAction call;
    try {
      call =
          registry.prepare(
              actions.invokeAction, parseArgs(actions.invokeActionArgs), settings.provisioning());
    } catch (ActionException e) {
      throw new ErrorReporter.UsageException(e.getMessage());
    }
    JsonObject result;
    try (CloudflareClient client =
        ClientFactory.client(ctx.rateLimiters(), settings, new HttpEvents() {})) {
      result = call.run(new SecurityClient(client));
    }
    ctx.out().println(JsonNumbers.integral(PRETTY.toJson(result), true));
    ctx.out().flush();
    return ExitCodes.OK;
  }

  private static void checkFlags(ActionOptions actions, ProvisioningOptions ops) {
    if (ops.any()) {
      throw new ErrorReporter.UsageException(
          "give one operation at a time: an action cannot be "
              + "combined with grant, revoke, create account or delete resource");
    }
    if (ops.dryRun) {
      throw new ErrorReporter.UsageException(
          "--dry-run applies to provisioning operations, not "
              + "to actions; without -p an action that writes is refused anyway");
    }
    if (actions.listActionSchemas && actions.invokeAction != null) {
      throw new ErrorReporter.UsageException(
          "give --list-action-schemas or --invoke-action, not both");
    }
    if (!actions.listActionSchemas && actions.invokeAction == null) {
      throw new ErrorReporter.UsageException("--invoke-action-args needs --invoke-action NAME");
    }
  }

  /** A JSON object, strictly parsed; absent means no arguments. */
  static JsonObject parseArgs(String json) {
    if (json == null) {
      return new JsonObject();
    }
    try {
      JsonReader reader = new JsonReader(new StringReader(json));
      reader.setStrictness(Strictness.STRICT);
      JsonElement parsed = JsonParser.parseReader(reader);
      if (parsed.isJsonObject() && reader.peek() == JsonToken.END_DOCUMENT) {
        return parsed.getAsJsonObject();
      }
    } catch (JsonParseException | IOException e) {
      // reported below, without echoing the input (it could hold anything)
    }
    throw new ErrorReporter.UsageException(
        "--invoke-action-args must be one JSON object, " + "e.g. {\"ip\":\"203.0.113.7\"}");
  }
}
