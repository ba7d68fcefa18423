package dev.batoncf.cli;

import com.google.protobuf.MessageOrBuilder;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * Streams rows either as an aligned console table or as one JSON object, Baton's list shape ({@code
 * {"resources":[…]}}, protojson per row), without holding the rows in memory.
 */
final class Listing<T extends MessageOrBuilder> implements AutoCloseable {
  private final PrintWriter out;
  private final boolean json;
  private final List<Column<T>> columns;
  private long rows;

  record Column<T>(String title, int width, Function<T, String> value) {}

  /**
   * @param jsonKey the list's key in the JSON object, as in Baton's output ("resources")
   */
  Listing(PrintWriter out, boolean json, String jsonKey, List<Column<T>> columns) {
    this.out = out;
    this.json = json;
    this.columns = columns;
    if (json) {
      out.print("{\"" + jsonKey + "\":[");
    } else {
      StringBuilder header = new StringBuilder();
      for (Column<T> c : columns) {
        header.append(pad(c.title(), c.width()));
      }
      out.println(header.toString().stripTrailing());
    }
  }

  void add(T row) {
    if (json) {
      out.print(rows == 0 ? "\n  " : ",\n  ");
      out.print(ProtoJson.compact(row));
    } else {
      StringBuilder line = new StringBuilder();
      for (Column<T> c : columns) {
        String v = c.value().apply(row);
        line.append(pad(v == null ? "" : ConsoleText.escape(v), c.width()));
      }
      out.println(line.toString().stripTrailing());
    }
    rows++;
  }

  private static String pad(String s, int width) {
    if (width <= 0) {
      return s;
    }
    String cut = s.length() >= width ? s.substring(0, width - 1) + " " : s;
    return String.format("%-" + width + "s", cut);
  }

  @Override
  public void close() {
    if (json) {
      out.println(rows == 0 ? "]}" : "\n]}");
    }
    out.flush();
  }
}
