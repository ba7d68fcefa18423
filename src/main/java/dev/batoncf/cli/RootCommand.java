package dev.batoncf.cli;

import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import dev.batoncf.config.Settings;
import dev.batoncf.config.SettingsLoader;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.sync.SyncResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton-cloudflare}: with no operation flag, one full sync into {@code --file}; with
 * {@code --demo}, the same against the built-in simulator. A provisioning flag runs that one
 * operation instead, and {@code --invoke-action}/{@code --list-action-schemas} one security action.
 */
@Command(name = "baton-cloudflare", mixinStandardHelpOptions = true,
    versionProvider = RootCommand.VersionProvider.class, sortOptions = false,
    description = "Sync a Cloudflare account's access into a Baton c1z file, and provision it.",
    subcommands = {ResourcesCommand.class, EntitlementsCommand.class, GrantsCommand.class,
        DiffCommand.class,
        CapabilitiesCommand.class, ConfigCommand.class, SimulatorCommand.class, ServeCommand.class})
public final class RootCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin
  ConnectionOptions connection = new ConnectionOptions();

  @Mixin
  ProvisioningOptions operations = new ProvisioningOptions();

  @Mixin
  ActionOptions actions = new ActionOptions();

  @Option(names = "--demo", description = "Sync the built-in simulated Cloudflare account (no credentials needed)")
  boolean demo;

  public RootCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  public CliContext context() {
    return ctx;
  }

  @Override
  public Integer call() {
    if (actions.listOnly()) {
      return new ActionRunner(ctx).listSchemas(actions, operations); // needs no settings
    }
    Settings settings = new SettingsLoader(ctx.env())
        .load(connection.given(), connection.config, !demo);
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
    SyncResult result = new SyncRunner(ctx).run(settings);
    ctx.out().println(ConsoleText.escape(SyncRunner.summary(result, settings.file())));
    return ExitCodes.OK;
  }

  void configureLogging(Settings s) {
    String format = s.logFormat() != null ? s.logFormat() : (ctx.terminal() ? "console" : "json");
    List<String> secrets = new ArrayList<>();
    if (s.credentials() instanceof Credentials.ApiToken t) {
      secrets.add(t.token().reveal());
    } else if (s.credentials() instanceof Credentials.GlobalApiKey k) {
      secrets.add(k.key().reveal());
    }
    LogSetup.configure(s.logLevel(), format, ctx.err(), secrets);
  }

  private int runDemo(Settings settings) {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      Settings demoSettings = settings.withConnection(Seeds.DEMO_ACCOUNT_ID,
          new Credentials.ApiToken(Secret.of(Seeds.DEMO_API_TOKEN)), sim.baseUrl());
      if (actions.any()) {
        return new ActionRunner(ctx).run(demoSettings, actions, operations);
      }
      if (operations.any()) {
        // Against a fresh simulated account: shows the operation without touching anything real.
        return new ProvisionRunner(ctx).run(demoSettings, operations);
      }
      SyncResult result = new SyncRunner(ctx).run(demoSettings);
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
