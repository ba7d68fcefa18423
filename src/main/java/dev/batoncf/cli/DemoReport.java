package dev.batoncf.cli;

import dev.batoncf.sync.FileSync;
import dev.batoncf.sync.SyncResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The short report `--demo` prints after syncing the simulated account. */
final class DemoReport {
  private DemoReport() {}

  static void print(PrintWriter out, FileSync.Result result, Path file) {
    SyncResult r = result.sync();
    out.println(
        "Demo: synced the built-in simulated Cloudflare account (no real account touched).");
    out.println();
    out.printf("  %-14s %8s%n", "resource type", "count");
    for (Map.Entry<String, Long> e : r.resourcesByType().entrySet()) {
      out.printf("  %-14s %8d%n", e.getKey(), e.getValue());
    }
    out.printf("  %-14s %8d%n", "entitlements", r.entitlements());
    out.printf("  %-14s %8d%n", "grants", r.grants());
    out.println();
    for (String s : r.skipped()) {
      out.println("  note: " + ConsoleText.escape(s));
    }
    out.println(ConsoleText.escape(SyncRunner.summary(result, file)));
    out.println();
    out.println("Look at it:  cmd/baton-cloudflare resources -f " + file);
    out.println("             cmd/baton-cloudflare grants -f " + file + " -o json");
    // The simulated account's dates are from June 2025: review it as of then.
    out.println(
        "Review it:   cmd/baton-cloudflare report -f "
            + file
            + " --as-of 2025-07-01 --out review.html");
    out.flush();
  }
}
