package dev.batoncf.review;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.batoncf.c1z.C1zReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The JSON form of a diff, streamed: {@code {"entries":[{change, kind, id, label}, …],
 * "summary":{"resources":{"added":…,"removed":…,"changed":…}, …}}}. Shared by {@code diff -o json}
 * and the daemon's {@code <sync>.diff.json}, so both are the same bytes.
 */
public final class DiffJson {
  private DiffJson() {}

  public static DiffSummary write(C1zReader base, C1zReader current, PrintWriter out)
      throws IOException {
    Gson gson = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();
    boolean[] first = {true};
    out.print("{\"entries\":[");
    DiffSummary summary =
        SyncDiff.compare(
            base,
            current,
            e -> {
              out.print((first[0] ? "\n  " : ",\n  ") + gson.toJson(entry(e)));
              first[0] = false;
            });
    JsonObject s = new JsonObject();
    for (DiffEntry.Kind k : DiffEntry.Kind.values()) {
      JsonObject counts = new JsonObject();
      for (DiffEntry.Change c : DiffEntry.Change.values()) {
        counts.addProperty(lower(c), summary.get(k, c));
      }
      s.add(lower(k) + "s", counts);
    }
    out.println((first[0] ? "" : "\n") + "],\n\"summary\":" + gson.toJson(s) + "}");
    out.flush();
    return summary;
  }

  static JsonObject entry(DiffEntry e) {
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
