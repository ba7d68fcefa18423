package dev.batoncf.daemon;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.files.OutputFile;
import dev.batoncf.review.AccessReview;
import dev.batoncf.review.AccessReviewReader;
import dev.batoncf.review.ReportFormat;
import dev.batoncf.review.ReviewRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the access-review report of each new sync beside it ({@code <stem>.review.html}, or .csv /
 * .json), with the review's default rules measured from the sync's end. The previous sync file,
 * when there is one, dates pending invitations (as {@code report --earlier} does).
 */
public final class ReportAfterSync implements AfterSync {
  private static final Logger log = LoggerFactory.getLogger(ReportAfterSync.class);

  private final ReportFormat format;

  public ReportAfterSync(ReportFormat format) {
    this.format = format;
  }

  /** {@code review.html}, {@code review.csv} or {@code review.json}. */
  public static String suffix(ReportFormat format) {
    return "review." + format.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public void run(Context ctx) throws Exception {
    Path target = ctx.sibling(suffix(format));
    List<Path> earlier = ctx.previous() == null ? List.of() : List.of(ctx.previous().path());
    ReviewRules rules = ReviewRules.defaults(Clock.fixed(ctx.finishedAt(), ZoneId.of("UTC")));
    AccessReview review;
    try (C1zReader reader = C1zReader.open(ctx.current().path(), null, ctx.workDir())) {
      review =
          AccessReviewReader.read(
              reader, ctx.current().name(), earlier, rules, ZoneId.systemDefault());
    }
    OutputFile.check(target).write(out -> format.write(review, out));
    log.info(
        "report: {}: {} identities, {} flagged",
        target.getFileName(),
        review.summary().identitiesByType().values().stream().mapToInt(Integer::intValue).sum(),
        review.summary().flaggedIdentities());
  }
}
