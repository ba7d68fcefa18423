package dev.batoncf.cli;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.http.HttpEvents;
import dev.batoncf.config.ConfigException;
import dev.batoncf.config.Settings;
import dev.batoncf.config.SettingsLoader;
import dev.batoncf.connector.CloudflareConnector;
import dev.batoncf.daemon.AfterSync;
import dev.batoncf.daemon.Backoff;
import dev.batoncf.daemon.DaemonConfig;
import dev.batoncf.daemon.DaemonHealth;
import dev.batoncf.daemon.DiffAfterSync;
import dev.batoncf.daemon.Jitter;
import dev.batoncf.daemon.OutputLock;
import dev.batoncf.daemon.ReportAfterSync;
import dev.batoncf.daemon.Retention;
import dev.batoncf.daemon.RunPlanner;
import dev.batoncf.daemon.Schedule;
import dev.batoncf.daemon.SyncDaemon;
import dev.batoncf.daemon.SyncFile;
import dev.batoncf.daemon.SyncFiles;
import dev.batoncf.daemon.SyncState;
import dev.batoncf.health.DurationText;
import dev.batoncf.review.ReportFormat;
import dev.batoncf.server.ConnectorServer;
import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.IncrementalSync;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code daemon}: scheduled full syncs into {@code --output-dir} with retention, a diff after each
 * sync, optional health endpoints and optional gRPC serving, until SIGTERM or Ctrl-C (then the sync
 * in flight finishes within {@code --shutdown-timeout} or is abandoned; exit 0).
 */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Sync on a schedule into a directory (retention, diffs, health, metrics).")
final class DaemonCommand implements Callable<Integer> {

  @ParentCommand RootCommand root;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description = "Directory for the sync files (must exist and be writable)")
  Path outputDir;

  @Option(
      names = "--sync-interval",
      paramLabel = "DURATION",
      description = "Time between sync starts, e.g. 6h, 15m, 1h30m (default 6h)")
  String syncInterval;

  @Option(
      names = "--sync-cron",
      paramLabel = "EXPR",
      description =
          "Instead of an interval: a 5-field cron expression in the JVM's time zone, e.g. '0 2 * * *'")
  String syncCron;

  @Option(
      names = "--jitter",
      paramLabel = "FRACTION|DURATION",
      description =
          "Random delay added to each scheduled sync: a fraction of the interval (0.1) or a duration (5m); default 0")
  String jitter = "0";

  @Option(
      names = "--report-format",
      paramLabel = "FORMAT",
      description =
          "Access-review report written beside each sync as <stem>.review.<format>: html, csv, json or none (default html)")
  ReportChoice reportFormat = ReportChoice.html;

  @Option(
      names = "--keep",
      paramLabel = "N",
      description = "Good syncs to keep; older ones go with their diffs (default 10)")
  int keep = 10;

  @Option(
      names = "--retry-backoff",
      paramLabel = "DURATION",
      description =
          "Wait after a failed sync, doubling per failure; also the shortest gap between attempts (default 1m)")
  String retryBackoff = "1m";

  @Option(
      names = "--retry-backoff-max",
      paramLabel = "DURATION",
      description = "Longest wait between failed attempts (default 30m)")
  String retryBackoffMax = "30m";

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "DURATION",
      description =
          "On SIGTERM: how long the sync in flight may finish before it is abandoned (default 30s)")
  String shutdownTimeout = "30s";

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Mixin HealthOptions health = new HealthOptions();

  @Option(
      names = "--no-incremental",
      description =
          "Run every sync as a full sync (default: "
              + "after the first good sync, each starts from the newest sync file and the audit log)")
  boolean noIncremental;

  @Option(
      names = "--full-sync-every",
      paramLabel = "DURATION",
      description =
          "With incremental "
              + "syncs: a full sync anyway once the last one began this long ago (default 24h, at most 30d)")
  String fullSyncEvery;

  @Option(
      names = "--serve",
      description = "Also serve the c1.connector.v2 gRPC services (the serve flags below apply)")
  boolean serve;

  @Mixin GrpcServerOptions server = new GrpcServerOptions();

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.context();
    Settings settings =
        new SettingsLoader(ctx.env()).load(connection.given(), connection.config, true);
    root.configureLogging(settings);
    DaemonConfig config = config();
    fullSyncEvery(); // a bad value fails before anything starts
    InetSocketAddress healthAddress = health.enabled ? health.address() : null;
    GrpcServerOptions.Prepared grpc =
        serve ? server.prepare(ctx.env(), settings, config.shutdownTimeout()) : null;
    Clock clock = Clock.systemUTC();
    try (CloudflareClient client =
        ClientFactory.client(ctx.rateLimiters(), settings, HttpEvents.none())) {
      CloudflareConnector connector =
          new CloudflareConnector(client, ClientFactory.connectorOptions(settings));
      SyncFiles files = new SyncFiles(config.outputDir());
      SyncState state = new SyncState();
      SyncDaemon.Syncer syncer = syncer(connector, files);
      SyncDaemon daemon = open(files, syncer, config, afterSyncSteps(settings), state, clock);
      List<AutoCloseable> open = new ArrayList<>();
      try {
        if (healthAddress != null) {
          open.add(
              health.start(
                  ctx,
                  healthAddress,
                  check -> new DaemonHealth(state, check, client.metrics(), clock),
                  connector,
                  clock));
        }
        ConnectorServer grpcServer = null;
        if (grpc != null) {
          grpcServer =
              GrpcServerOptions.start(
                  grpc, connector, GrpcServerOptions.standardExtraServices(connector, settings));
          ctx.out()
              .println(
                  "serving c1.connector.v2 on "
                      + grpc.address().host()
                      + ":"
                      + grpcServer.port()
                      + " "
                      + grpc.describe());
        }
        ctx.out()
            .println(
                "daemon: "
                    + (noIncremental ? "full" : "incremental")
                    + " sync "
                    + config.planner().schedule().describe()
                    + " into "
                    + files.dir()
                    + " (keep "
                    + config.retention().keep()
                    + ", jitter "
                    + jitter
                    + ")");
        ctx.out().flush();
        Shutdown shutdown = new Shutdown(daemon, grpcServer, open, config.shutdownTimeout());
        Runtime.getRuntime().addShutdownHook(shutdown.hook());
        daemon.run();
        if (!shutdown.removeHook()) {
          return ExitCodes.OK; // a signal stopped it; the hook finishes and exits 0
        }
        if (grpcServer != null) {
          grpcServer.shutdown(Duration.ofSeconds(5));
        }
        throw new ErrorReporter.OperationException(
            "the scheduler stopped unexpectedly; see the" + " log above", null);
      } finally {
        for (AutoCloseable c : open) {
          c.close();
        }
      }
    }
  }

  /**
   * The steps run after each good sync, in order: the diff against the previous sync. Further steps
   * (e.g. the access-review report) are added here; each writes siblings of the new file.
   */
  List<AfterSync> afterSyncSteps(Settings settings) {
    return reportFormat == ReportChoice.none
        ? List.of(new DiffAfterSync())
        : List.of(
            new DiffAfterSync(),
            new ReportAfterSync(
                ReportFormat.valueOf(reportFormat.name().toUpperCase(java.util.Locale.ROOT))));
  }

  /** The access-review format written beside each sync, or none. */
  enum ReportChoice {
    html,
    csv,
    json,
    none
  }

  /**
   * Full syncs with {@code --no-incremental}; else each sync starts from the newest good sync file
   * (the first one, with none, is a full sync, as is every fallback).
   */
  private SyncDaemon.Syncer syncer(CloudflareConnector connector, SyncFiles files)
      throws IOException {
    FileSync full = new FileSync(connector, files.workDir()).withManagedShutdown();
    if (noIncremental) {
      return full::run;
    }
    IncrementalSync incremental =
        new IncrementalSync(
                connector,
                files.workDir(),
                dev.batoncf.c1z.SyncHistory.DEFAULT_KEEP_PREVIOUS,
                fullSyncEvery())
            .withManagedShutdown();
    return (target, progress) ->
        incremental.run(files.newest().map(SyncFile::path).orElse(null), target, progress).file();
  }

  private Duration fullSyncEvery() {
    if (fullSyncEvery != null && noIncremental) {
      throw new ErrorReporter.UsageException(
          "--full-sync-every applies only without " + "--no-incremental");
    }
    return IncrementalOptions.parse(fullSyncEvery);
  }

  private static SyncDaemon open(
      SyncFiles files,
      SyncDaemon.Syncer syncer,
      DaemonConfig config,
      List<AfterSync> steps,
      SyncState state,
      Clock clock)
      throws IOException {
    try {
      return SyncDaemon.open(
          files, syncer, config.planner(), config.retention(), steps, state, clock);
    } catch (OutputLock.LockedException e) {
      throw new ErrorReporter.OperationException(e.getMessage(), e);
    }
  }

  /** Every flag checked before anything starts; all problems in one line, exit 2. */
  DaemonConfig config() {
    List<String> problems = new ArrayList<>();
    if (connection.file != null) {
      problems.add("the daemon writes into --output-dir; -f/--file is not used");
    }
    checkOutputDir(problems);
    Schedule schedule = schedule(problems);
    Jitter j = null;
    try {
      j = Jitter.parse(jitter, new SecureRandom());
    } catch (IllegalArgumentException e) {
      problems.add("--jitter: " + e.getMessage());
    }
    Retention retention = null;
    try {
      retention = new Retention(keep);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage() + ", not " + keep);
    }
    Backoff backoff = null;
    Duration floor = duration("--retry-backoff", retryBackoff, problems);
    Duration cap = duration("--retry-backoff-max", retryBackoffMax, problems);
    if (floor != null && cap != null) {
      try {
        backoff = new Backoff(floor, cap);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    Duration grace = duration("--shutdown-timeout", shutdownTimeout, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new DaemonConfig(outputDir, new RunPlanner(schedule, j, backoff), retention, grace);
  }

  private Schedule schedule(List<String> problems) {
    if (syncInterval != null && syncCron != null) {
      problems.add("--sync-interval and --sync-cron exclude each other: give one");
      return null;
    }
    if (syncCron != null) {
      try {
        return Schedule.cron(syncCron, ZoneId.systemDefault());
      } catch (IllegalArgumentException e) {
        problems.add("--sync-cron: " + e.getMessage());
        return null;
      }
    }
    Duration interval =
        duration("--sync-interval", syncInterval == null ? "6h" : syncInterval, problems);
    if (interval == null) {
      return null;
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add("--sync-interval must be at least 1s, not " + syncInterval);
      return null;
    }
    return Schedule.every(interval);
  }

  private void checkOutputDir(List<String> problems) {
    if (outputDir == null) {
      problems.add("--output-dir is required: the directory the daemon writes its syncs into");
      return;
    }
    if (!Files.isDirectory(outputDir)) {
      problems.add("--output-dir " + outputDir + " does not exist or is not a directory");
      return;
    }
    try {
      Path probe = Files.createTempFile(outputDir, "." + SyncFiles.LATEST + ".probe-", "");
      Files.delete(probe);
    } catch (IOException e) {
      problems.add("--output-dir " + outputDir + " is not writable");
    }
  }

  private static Duration duration(String flag, String text, List<String> problems) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(flag + ": " + e.getMessage());
      return null;
    }
  }
}
