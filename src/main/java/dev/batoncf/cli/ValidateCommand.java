package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.Settings;
import dev.batoncf.config.SettingsLoader;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.connector.ConnectorOptions;
import dev.batoncf.connector.PermissionProbe;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code validate}: the least-privilege check. Probes every list the sync reads and prints, per
 * resource type, the permission each needs and whether the credential has it. Exit 0 when the sync
 * can run (optional parts may be missing: listed), 1 when a required list is refused.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Check which Cloudflare permissions the credential has, per resource type; "
            + "exit 1 when one the sync requires is missing.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Override
  public Integer call() {
    CliContext ctx = root.context();
    Settings settings =
        new SettingsLoader(ctx.env()).load(connection.given(), connection.config, true);
    root.configureLogging(settings);
    List<PermissionProbe.Result> results;
    try (CloudflareClient client =
        ClientFactory.client(ctx.rateLimiters(), settings, HttpEvents.none())) {
      CloudflareConnector connector =
          new CloudflareConnector(client, new ConnectorOptions(settings.zeroTrust()));
      results = new PermissionProbe(connector, settings.zeroTrust()).run();
    }
    print(ctx.out(), results);
    if (!PermissionProbe.passes(results)) {
      throw new ErrorReporter.OperationException(
          "the credential lacks a permission the sync "
              + "requires (marked 'missing, required' above)",
          null);
    }
    return ExitCodes.OK;
  }

  static void print(PrintWriter out, List<PermissionProbe.Result> results) {
    out.printf("%-22s %-18s %-62s %s%n", "resource type", "list", "permission", "status");
    for (PermissionProbe.Result r : results) {
      String status =
          switch (r.status()) {
            case OK -> "ok";
            case MISSING -> r.required() ? "missing, required" : "missing (that part is skipped)";
            case NOT_AVAILABLE -> "not available on this account (that part is skipped)";
          };
      out.println(
          ConsoleText.escape(
              String.format(
                  "%-22s %-18s %-62s %s",
                  r.resourceTypes(), r.list(), "'" + r.permission() + "'", status)));
    }
    out.flush();
  }
}
