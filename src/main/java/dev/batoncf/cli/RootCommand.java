package dev.batoncf.cli;

import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.config.Settings;
import dev.batoncf.config.SettingsLoader;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.sync.FileSync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton-cloudflare}: with no operation flag, one full sync into {@code --file}; with {@code
 * --demo}, the same against the built-in simulator. A provisioning flag runs that one operation
 * instead, and {@code --invoke-action}/{@code --list-action-schemas} one security action.
 */
@Command(
    name = "baton-cloudflare",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class,
    sortOptions = false,
    description = "Sync a Cloudflare account's access into a Baton c1z file, and provision it.",
    subcommands = {
      ResourcesCommand.class,
      EntitlementsCommand.class,
      GrantsCommand.class,
      DiffCommand.class,
      ReportCommand.class,
      CapabilitiesCommand.class,
      ConfigCommand.class,
      SimulatorCommand.class,
      ServeCommand.class,
      DaemonCommand.class,
      HealthCheckCommand.class,
      ValidateCommand.class
    })
public final class RootCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Mixin ProvisioningOptions operations = new ProvisioningOptions();

  @Mixin ActionOptions actions = new ActionOptions();

  @Mixin ServiceOptions service = new ServiceOptions();

  @Mixin HealthOptions health = new HealthOptions();

  @Mixin IncrementalOptions incremental = new IncrementalOptions();

  @Mixin SyncScopeOptions scoping = new SyncScopeOptions();

  @Option(
      names = "--demo",
      description = "Sync the built-in simulated Cloudflare account (no credentials needed)")
  boolean demo;

  public RootCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  public CliContext context() {
    return ctx;
  }

  @Override
  public Integer call() {
    if (service.requested(ctx.env())) {
      return runService();
    }
    if (health.enabled) {
      // Baton's persistent flag: the one-shot sync has nothing to report; long-running modes do.
      throw new ErrorReporter.UsageException(
          "--health-check is for long-running modes: use "
              + "'baton-cloudflare daemon --health-check' or service mode (--client-id)");
    }
    incremental.check();
    if (scoping.any() && (operations.any() || actions.any() || actions.listOnly())) {
      throw new ErrorReporter.UsageException(
          "--sync-resources, --sync-resource-types, "
              + "--skip-entitlements-and-grants and --skip-grants scope a sync: they cannot be "
              + "combined with a provisioning or action flag");
    }
    if (incremental.incremental && scoping.any()) {
      throw new ErrorReporter.UsageException(
          "--incremental writes a whole sync: it cannot be "
              + "combined with --sync-resources, --sync-resource-types, "
              + "--skip-entitlements-and-grants or --skip-grants");
    }
    if (actions.listOnly()) {
      return new ActionRunner(ctx).listSchemas(actions, operations); // needs no settings
    }
    Settings settings =
        new SettingsLoader(ctx.env()).load(connection.given(), connection.config, !demo);
    configureLogging(settings);
    if (demo) {
      return runDemo(settings);
    }
    if (actions.any()) {
      return new ActionRunner(ctx).run(settings, actions, operations);
    }
    if (operations.any()) {
      return new ProvisionRunner(ctx).run(settings, operations);
    }
    FileSync.Result result = new SyncRunner(ctx).run(settings, incremental, scoping);
    ctx.out().println(ConsoleText.escape(SyncRunner.summary(result, settings.file())));
    return ExitCodes.OK;
  }

  void configureLogging(Settings s) {
    configureLogging(s, List.of());
  }

  /**
   * @param moreSecrets further values the log must never show (e.g. the client secret)
   */
  void configureLogging(Settings s, List<String> moreSecrets) {
    String format = s.logFormat() != null ? s.logFormat() : (ctx.terminal() ? "console" : "json");
    List<String> secrets = new ArrayList<>();
    if (s.credentials() instanceof Credentials.ApiToken t) {
      secrets.add(t.token().reveal());
    } else if (s.credentials() instanceof Credentials.GlobalApiKey k) {
      secrets.add(k.key().reveal());
    }
    secrets.addAll(moreSecrets);
    LogSetup.configure(s.logLevel(), format, ctx.err(), secrets);
  }

  /** Baton's service mode: --client-id/--client-secret switch the root command to it. */
  private int runService() {
    if (demo || operations.any() || actions.any() || actions.listOnly() || scoping.any()) {
      throw new ErrorReporter.UsageException(
          "service mode (--client-id/--client-secret) runs "
              + "the tasks the host sends: it cannot be combined with --demo, a provisioning flag, "
              + "an action flag or a sync scoping flag (each sync task carries its own scope)");
    }
    Settings settings =
        new SettingsLoader(ctx.env()).load(connection.given(), connection.config, true);
    ServiceRunner runner = new ServiceRunner(ctx);
    var config = runner.config(settings, service);
    configureLogging(settings, List.of(service.clientSecret(ctx.env())));
    return runner.run(settings, config, health);
  }

  private int runDemo(Settings settings) {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      Settings demoSettings =
          settings.withConnection(
              Seeds.DEMO_ACCOUNT_ID,
              new Credentials.ApiToken(Secret.of(Seeds.DEMO_API_TOKEN)),
              sim.baseUrl());
      if (demoSettings.scimGroups().isEmpty()) {
        // the demo's okta-… user groups stand for groups an IdP pushes by SCIM
        demoSettings = demoSettings.withScimGroups(List.of(Seeds.DEMO_SCIM_GROUPS));
      }
      if (actions.any()) {
        return new ActionRunner(ctx).run(demoSettings, actions, operations);
      }
      if (operations.any()) {
        // Against a fresh simulated account: shows the operation without touching anything real.
        return new ProvisionRunner(ctx).run(demoSettings, operations);
      }
      FileSync.Result result =
          new SyncRunner(ctx).run(demoSettings, new IncrementalOptions(), scoping);
      DemoReport.print(ctx.out(), result, demoSettings.file());
      return ExitCodes.OK;
    }
  }

  /** Prints the product version. */
  static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"baton-cloudflare " + Version.VERSION};
    }
  }
}
