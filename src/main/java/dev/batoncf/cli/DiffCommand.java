package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
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
 * {@code diff}: what changed between an earlier sync ({@code --base}) and a later one
 * ({@code -f}), e.g. since the last access review: access granted or removed, people and tokens
 * added, removed or changed.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Show what changed between two syncs (added, removed, changed rows).")
final class DiffCommand implements Callable<Integer> {
  @ParentCommand
  RootCommand root;

  /** console for people, json for machines, csv for spreadsheets (one row per change). */
  enum Format { console, json, csv }

  @Mixin
  SyncFileOptions reader = new SyncFileOptions();

  @Option(names = {"-o", "--output-format"}, paramLabel = "FORMAT",
      description = "console, json or csv (default console)")
  Format format = Format.console;

  @Option(names = "--base", paramLabel = "FILE", required = true,
      description = "The earlier c1z file to compare against")
  Path base;

  @Option(names = "--base-sync-id", paramLabel = "ID",
      description = "Use this sync of the base file instead of its latest finished one")
  String baseSyncId;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = root.context();
    PrintWriter out = ctx.out();
    try (C1zReader before = C1zReader.open(base, baseSyncId);
         C1zReader after = reader.open(ctx.env())) {
      if (format == Format.csv) {
        DiffCsv csv = new DiffCsv(out);
        csv.header();
        SyncDiff.compare(before, after, csv::row);
        out.flush();
        return ExitCodes.OK;
      }
      if (format == Format.json) {
        DiffJson.write(before, after, out);
        return ExitCodes.OK;
      }
      DiffSummary summary = SyncDiff.compare(before, after, e -> out.println(line(e)));
      out.println(summary.total() == 0 ? "no differences" : "summary: " + summary);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** "+ grant role:…:member:user:…", "~ resource user:… Ana Ruiz". */
  static String line(DiffEntry e) {
    String sign = switch (e.change()) {
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
