package dev.batoncf.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.Settings;
import dev.batoncf.connector.Ids;
import dev.batoncf.connector.ResourceTypes;
import dev.batoncf.connector.ScimGroups;
import dev.batoncf.provision.Accounts;
import dev.batoncf.provision.Change;
import dev.batoncf.provision.MembershipChanges;
import dev.batoncf.provision.Outcome;
import dev.batoncf.provision.ProvisionException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one provisioning operation from the CLI flags. Without -p nothing is sent (a dry run may
 * still read). The result says what changed, on stdout, as text or JSON.
 */
final class ProvisionRunner {
  private final CliContext ctx;

  ProvisionRunner(CliContext ctx) {
    this.ctx = ctx;
  }

  int run(Settings s, ProvisioningOptions ops) {
    checkFlags(ops);
    if (!s.provisioning() && !ops.dryRun) {
      throw new ErrorReporter.UsageException(
          "provisioning is not enabled, so nothing was sent: "
              + "add -p/--provisioning (or BATON_PROVISIONING=true) to allow writes, or --dry-run "
              + "to see what would be sent");
    }
    Change change;
    try (CloudflareClient client =
        ClientFactory.client(ctx.rateLimiters(), s, new HttpEvents() {})) {
      change = dispatch(s, ops, client);
    }
    print(change, ops.json(), ctx.out());
    if (change.outcome() == Outcome.REFUSED) {
      ctx.err().println("error: refused: " + ConsoleText.escape(change.message()));
      ctx.err().flush();
      return ExitCodes.RUNTIME;
    }
    return ExitCodes.OK;
  }

  private Change dispatch(Settings s, ProvisioningOptions ops, CloudflareClient client) {
    MemberHints hints = new MemberHints(s.file());
    MembershipChanges changes = new MembershipChanges(client, new ScimGroups(s.scimGroups()));
    if (ops.grantEntitlement != null) {
      String[] ent = Ids.parseEntitlementId(ops.grantEntitlement);
      if (ent == null || !slugFits(ent[0], ent[2])) {
        throw ProvisionException.invalid(
            "--grant-entitlement must look like role:<role id>:member,"
                + " group:<group id>:member, user_group:<id>:member or "
                + "resource_group:<id>:<permission group id>");
      }
      return changes.apply(
          ent[0],
          ent[1],
          ent[2],
          ops.grantPrincipalType,
          ops.grantPrincipal,
          hints,
          true,
          ops.dryRun);
    }
    if (ops.revokeGrant != null) {
      Ids.GrantRef g = Ids.parseGrantId(ops.revokeGrant);
      if (g == null || !slugFits(g.resourceType(), g.slug())) {
        throw ProvisionException.invalid(
            "--revoke-grant must look like "
                + "role:<role id>:member:user:<user id>, group:<group id>:member:access_user:<id>, "
                + "user_group:<id>:member:user:<user id> or "
                + "resource_group:<id>:<permission group id>:user:<user id>");
      }
      return changes.apply(
          g.resourceType(),
          g.resourceId(),
          g.slug(),
          g.principalType(),
          g.principalId(),
          hints,
          false,
          ops.dryRun);
    }
    if (ops.createAccountEmail != null) {
      return new Accounts(client)
          .invite(ops.createAccountEmail, rolesFromProfile(ops.createAccountProfile), ops.dryRun);
    }
    String type = ops.deleteResourceType;
    if (ResourceTypes.USER_ID.equals(type)) {
      return new Accounts(client)
          .deleteUser(ops.deleteResource, hints.memberId(ops.deleteResource), ops.dryRun);
    }
    if (ResourceTypes.INVITATION_ID.equals(type)) {
      return new Accounts(client).deleteInvitation(ops.deleteResource, ops.dryRun);
    }
    throw ProvisionException.invalid(
        "--delete-resource-type must be user or invitation, not '" + type + "'");
  }

  /** Resource-group entitlements are named by permission group; every other by "member". */
  static boolean slugFits(String type, String slug) {
    return ResourceTypes.RESOURCE_GROUP_ID.equals(type) || Ids.MEMBER_SLUG.equals(slug);
  }

  private static void checkFlags(ProvisioningOptions ops) {
    if (ops.count() > 1) {
      throw new ErrorReporter.UsageException(
          "give one operation at a time (grant, revoke, " + "create account or delete resource)");
    }
    if ((ops.grantEntitlement != null
            || ops.grantPrincipal != null
            || ops.grantPrincipalType != null)
        && (ops.grantEntitlement == null
            || ops.grantPrincipal == null
            || ops.grantPrincipalType == null)) {
      throw new ErrorReporter.UsageException(
          "--grant-entitlement, --grant-principal-type and " + "--grant-principal go together");
    }
    if ((ops.deleteResource == null) != (ops.deleteResourceType == null)) {
      throw new ErrorReporter.UsageException(
          "--delete-resource and --delete-resource-type go together");
    }
    if (ops.createAccountProfile != null && ops.createAccountEmail == null) {
      throw new ErrorReporter.UsageException(
          "--create-account-profile needs --create-account-email");
    }
  }

  /** {@code {"roles":["id or name", …]}}; a single string is accepted too. */
  static List<String> rolesFromProfile(String json) {
    if (json == null) {
      return List.of();
    }
    JsonElement parsed;
    try {
      parsed = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw ProvisionException.invalid("--create-account-profile is not valid JSON");
    }
    if (!parsed.isJsonObject()) {
      throw ProvisionException.invalid(
          "--create-account-profile must be a JSON object like " + "{\"roles\":[\"<role id>\"]}");
    }
    JsonElement roles = parsed.getAsJsonObject().get("roles");
    List<String> out = new ArrayList<>();
    if (roles == null || roles.isJsonNull()) {
      return out;
    }
    if (roles.isJsonPrimitive()) {
      out.add(roles.getAsString());
    } else if (roles.isJsonArray()) {
      for (JsonElement e : roles.getAsJsonArray()) {
        if (!e.isJsonPrimitive()) {
          throw ProvisionException.invalid("--create-account-profile roles must be strings");
        }
        out.add(e.getAsString());
      }
    } else {
      throw ProvisionException.invalid("--create-account-profile roles must be a list of strings");
    }
    return out;
  }

  static void print(Change c, boolean json, PrintWriter out) {
    if (json) {
      JsonObject o = new JsonObject();
      o.addProperty("operation", c.operation());
      o.addProperty("target", c.target());
      o.addProperty("outcome", c.outcome().name());
      o.addProperty("message", c.message());
      o.add("before", array(c.before()));
      o.add("after", array(c.after()));
      o.addProperty("resource", c.resource());
      o.addProperty("request", c.request());
      o.addProperty("dry_run", c.dryRun());
      out.println(
          JsonNumbers.integral(
              new GsonBuilder()
                  .setPrettyPrinting()
                  .disableHtmlEscaping()
                  .serializeNulls()
                  .create()
                  .toJson(o),
              true));
    } else {
      String verb =
          switch (c.outcome()) {
            case CHANGED -> c.dryRun() ? "would " + c.operation() : "done: " + c.operation();
            case ALREADY_DONE -> "nothing to do: " + c.operation();
            case REFUSED -> "refused: " + c.operation();
          };
      // every part may carry Cloudflare text (role names, emails, messages)
      out.println(
          ConsoleText.escape(
              verb + " " + c.target() + (c.message() == null ? "" : " (" + c.message() + ")")));
      if (!c.before().isEmpty() || !c.after().isEmpty()) {
        out.println("  before: " + ConsoleText.escape(String.join(", ", c.before())));
        out.println("  after:  " + ConsoleText.escape(String.join(", ", c.after())));
      }
      if (c.resource() != null) {
        out.println("  resource: " + ConsoleText.escape(c.resource()));
      }
      if (c.dryRun() && c.request() != null) {
        out.println("  would send: " + ConsoleText.escape(c.request()));
      }
    }
    out.flush();
  }

  private static JsonArray array(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
