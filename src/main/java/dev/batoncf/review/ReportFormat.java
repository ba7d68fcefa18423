package dev.batoncf.review;

import java.io.IOException;
import java.io.Writer;

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
}
