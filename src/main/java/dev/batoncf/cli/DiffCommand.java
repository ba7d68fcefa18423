package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.c1z.SyncRun;
import dev.batoncf.review.DiffCsv;
import dev.batoncf.review.DiffEntry;
import dev.batoncf.review.DiffJson;
import dev.batoncf.review.DiffSummary;
import dev.batoncf.review.SyncDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code diff}: what changed between an earlier sync and a later one, e.g. since the last access
 * review: access granted or removed, people and tokens added, removed or changed. The two syncs are
 * the last two of {@code -f} (which keeps earlier syncs, as {@code baton diff} reads a Go
 * connector's file), chosen ones of it ({@code --base-sync-id}/{@code --applied-sync-id}, Baton's
 * names), or the latest of {@code --base FILE} against {@code -f}.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Show what changed between two syncs (added, removed, changed rows).")
final class DiffCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  /** console for people, json for machines, csv for spreadsheets (one row per change). */
  enum Format {
    console,
    json,
    csv
  }

  @Mixin SyncFileOptions reader = new SyncFileOptions();

  @Option(
      names = {"-o", "--output-format"},
      paramLabel = "FORMAT",
      description = "console, json or csv (default console)")
  Format format = Format.console;

  @Option(
      names = "--base",
      paramLabel = "FILE",
      description =
          "An earlier c1z file to compare against; without it, two syncs of -f are compared")
  Path base;

  @Option(
      names = "--base-sync-id",
      paramLabel = "ID",
      description =
          "The sync to compare from (in --base, else in -f); default: the latest finished "
              + "one of --base, or the full sync of -f before the applied one")
  String baseSyncId;

  @Option(
      names = "--applied-sync-id",
      paramLabel = "ID",
      description =
          "The sync of -f to compare to (default: its latest finished one); same as --sync-id")
  String appliedSyncId;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.context();
    if (appliedSyncId != null && reader.syncId != null && !appliedSyncId.equals(reader.syncId)) {
      throw new ErrorReporter.UsageException(
          "--applied-sync-id and --sync-id name different syncs; give one");
    }
    String applied = appliedSyncId != null ? appliedSyncId : reader.syncId;
    if (base != null) {
      try (C1zReader before = SyncFileOptions.open(base, baseSyncId, ctx.env());
          C1zReader after = SyncFileOptions.open(reader.path(ctx.env()), applied, ctx.env())) {
        return print(ctx.out(), before, after);
      }
    }
    Path file = reader.path(ctx.env());
    try (C1zReader r = SyncFileOptions.open(file, applied, ctx.env())) {
      if (applied == null && !r.finishedSyncs("full").isEmpty()) {
        r.selectSync(r.finishedSyncs("full").get(0).syncId()); // baton diff compares full syncs
      }
      String baseId = baseSyncId != null ? baseSyncId : previousFullSync(r, file);
      try (C1zReader before = r.view(baseId);
          C1zReader after = r.view(r.sync().syncId())) {
        return print(ctx.out(), before, after);
      }
    }
  }

  /**
   * The newest finished full sync that ended before the applied one, as {@code baton diff} picks
   * it.
   */
  private static String previousFullSync(C1zReader r, Path file) throws java.io.IOException {
    SyncRun applied = r.sync();
    for (SyncRun run : r.finishedSyncs("full")) {
      if (!run.syncId().equals(applied.syncId())
          && applied.endedAt() != null
          && !run.endedAt().isAfter(applied.endedAt())) {
        return run.syncId();
      }
    }
    throw new ErrorReporter.OperationException(
        file
            + " holds no finished sync before "
            + applied.syncId()
            + " to compare it with: sync into the same file again (it keeps the "
            + "previous sync, see --keep-previous-syncs) or give --base FILE",
        null);
  }

  private int print(PrintWriter out, C1zReader before, C1zReader after) throws java.io.IOException {
    switch (format) {
      case csv -> {
        DiffCsv csv = new DiffCsv(out);
        csv.header();
        SyncDiff.compare(before, after, csv::row);
      }
      case json -> DiffJson.write(before, after, out);
      case console -> {
        DiffSummary summary =
            SyncDiff.compare(before, after, e -> out.println(ConsoleText.escape(line(e))));
        out.println(summary.total() == 0 ? "no differences" : "summary: " + summary);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** "+ grant role:…:member:user:…", "~ resource user:… Ana Ruiz". */
  static String line(DiffEntry e) {
    String sign =
        switch (e.change()) {
          case ADDED -> "+";
          case REMOVED -> "-";
          case CHANGED -> "~";
        };
    String label = e.label().equals(e.id()) ? "" : "  " + e.label();
    return sign + " " + lower(e.kind()) + " " + e.id() + label;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
