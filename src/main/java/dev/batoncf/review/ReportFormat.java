package dev.batoncf.review;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The report's output formats. */
public enum ReportFormat {
  HTML,
  CSV,
  JSON;

  public void write(AccessReview review, Writer out) throws IOException {
    switch (this) {
      case HTML -> ReportHtml.write(review, out);
      case CSV -> ReportCsv.write(review, out);
      case JSON -> ReportJson.write(review, out);
    }
  }

  /** The report in UTF-8, as a file holds it (the stream is flushed, not closed). */
  public void write(AccessReview review, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    write(review, w);
    w.flush();
  }
}
