package dev.batoncf.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** A diff as CSV, one row per change, with the same quoting and formula guard as the report. */
public final class DiffCsv {
  static final List<String> HEADER = List.of("change", "kind", "id", "label");

  private final Csv csv;

  public DiffCsv(Writer out) {
    this.csv = new Csv(out);
  }

  public void header() throws IOException {
    csv.row(HEADER);
  }

  /** One change; for use as a {@code Consumer<DiffEntry>}, so I/O errors come out unchecked. */
  public void row(DiffEntry e) {
    try {
      csv.row(List.of(lower(e.change()), lower(e.kind()), e.id(), e.label()));
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
