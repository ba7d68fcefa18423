package dev.batoncf.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.batoncf.c1z.C1zReader;
import dev.batoncf.review.DiffEntry;
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

  @Mixin
  ReaderOptions reader = new ReaderOptions();

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
    Gson gson = new Gson();
    boolean json = reader.json();
    boolean[] first = {true};
    DiffSummary summary;
    try (C1zReader before = ReaderOptions.open(base, baseSyncId, ctx.env());
         C1zReader after = reader.open(ctx.env())) {
      if (json) {
        out.print("{\"entries\":[");
      }
      summary = SyncDiff.compare(before, after, e -> {
        if (json) {
          out.print((first[0] ? "\n  " : ",\n  ") + gson.toJson(toJson(e)));
          first[0] = false;
        } else {
          out.println(ConsoleText.escape(line(e)));
        }
      });
    }
    if (json) {
      JsonObject s = new JsonObject();
      for (DiffEntry.Kind k : DiffEntry.Kind.values()) {
        JsonObject counts = new JsonObject();
        for (DiffEntry.Change c : DiffEntry.Change.values()) {
          counts.addProperty(lower(c), summary.get(k, c));
        }
        s.add(lower(k) + "s", counts);
      }
      out.println((first[0] ? "" : "\n") + "],\n\"summary\":" + gson.toJson(s) + "}");
    } else {
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

  private static JsonObject toJson(DiffEntry e) {
    JsonObject o = new JsonObject();
    o.addProperty("change", lower(e.change()));
    o.addProperty("kind", lower(e.kind()));
    o.addProperty("id", e.id());
    o.addProperty("label", e.label());
    return o;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
