package dev.batoncf.cli;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.files.OutputFile;
import dev.batoncf.files.OutputFileException;
import dev.batoncf.review.AccessReview;
import dev.batoncf.review.AccessReviewReader;
import dev.batoncf.review.ReportFormat;
import dev.batoncf.review.ReviewRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code report}: an access review of one sync (who has what, and what needs attention) as a
 * self-contained HTML page, CSV or JSON, on stdout or atomically into {@code --out}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Write an access review of a sync: who has what, with flagged findings.")
final class ReportCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ReportCommand.class);

  enum Format {
    html,
    csv,
    json
  }

  enum Risk {
    low,
    medium,
    high
  }

  @ParentCommand RootCommand root;

  @Mixin SyncFileOptions source = new SyncFileOptions();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "html, csv or json (default html)")
  Format format = Format.html;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "Write here (atomically, owner-readable only) instead of stdout")
  Path outPath;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description =
          "Measure ages from this instant (2025-07-01T00:00:00Z or 2025-07-01) instead of now")
  String asOf;

  @Option(
      names = "--stale-invitation-days",
      paramLabel = "N",
      description = "Flag invitations pending at least this long (default 14)")
  int staleInvitationDays = ReviewRules.DEFAULT_STALE_INVITATION_DAYS;

  @Option(
      names = "--dormant-days",
      paramLabel = "N",
      description = "Flag Access users without a login for this long (default 90)")
  int dormantDays = ReviewRules.DEFAULT_DORMANT_DAYS;

  @Option(
      names = "--token-expiry-days",
      paramLabel = "N",
      description = "Flag active API tokens expiring within this many days (default 30)")
  int tokenExpiryDays = ReviewRules.DEFAULT_TOKEN_EXPIRY_DAYS;

  @Option(
      names = "--min-risk-level",
      paramLabel = "LEVEL",
      description =
          "Flag Access users at this Zero Trust risk level or above: high, medium or low (default high)")
  Risk minRisk = Risk.high;

  @Option(
      names = "--earlier",
      paramLabel = "FILE",
      description = "An earlier sync file, to date pending invitations (repeatable)")
  List<Path> earlier = new ArrayList<>();

  /** Read only when --as-of is absent; the review itself never reads a clock. */
  private final Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    CliContext ctx = root.context();
    ReviewRules rules = rules();
    OutputFile target = null;
    if (outPath != null) {
      try {
        target = OutputFile.check(outPath);
      } catch (OutputFileException e) {
        throw new ErrorReporter.UsageException("--out: " + e.getMessage());
      }
    }
    AccessReview review;
    Path file = source.path(ctx.env());
    try (C1zReader reader = source.open(ctx.env())) {
      review =
          AccessReviewReader.read(
              reader, String.valueOf(file.getFileName()), earlier, rules, ZoneId.systemDefault());
    }
    ReportFormat f = ReportFormat.valueOf(format.name().toUpperCase(java.util.Locale.ROOT));
    if (target == null) {
      PrintWriter out = ctx.out();
      f.write(review, out);
      out.flush();
    } else {
      try {
        target.write(out -> f.write(review, out));
      } catch (IOException e) {
        throw new ErrorReporter.OperationException(
            "could not write " + outPath + ": " + e.getMessage(), e);
      }
      ctx.err()
          .println(
              "report: "
                  + review.summary().flaggedIdentities()
                  + " of "
                  + identities(review)
                  + " identities flagged -> "
                  + outPath);
      ctx.err().flush();
    }
    log.debug(
        "report stats: identities={} access_rows={} elapsed_ms={} peak_heap_mb={} " + "cpu_ms={}",
        identities(review),
        review.summary().accessRows(),
        (System.nanoTime() - started) / 1_000_000,
        JvmStats.peakHeapBytes() / (1024 * 1024),
        JvmStats.cpuMillis());
    return ExitCodes.OK;
  }

  ReviewRules rules() {
    nonNegative("--stale-invitation-days", staleInvitationDays);
    nonNegative("--dormant-days", dormantDays);
    nonNegative("--token-expiry-days", tokenExpiryDays);
    return new ReviewRules(
        staleInvitationDays,
        dormantDays,
        tokenExpiryDays,
        ReviewRules.RiskLevel.valueOf(minRisk.name().toUpperCase(java.util.Locale.ROOT)),
        asOf == null ? clock.instant() : parseAsOf(asOf));
  }

  private static int identities(AccessReview review) {
    return review.summary().identitiesByType().values().stream().mapToInt(Integer::intValue).sum();
  }

  private static void nonNegative(String flag, int days) {
    if (days < 0) {
      throw new ErrorReporter.UsageException(flag + " must be 0 or more, not " + days);
    }
  }

  static Instant parseAsOf(String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException notATime) {
      try {
        return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw new ErrorReporter.UsageException(
            "--as-of '"
                + text
                + "' is not a time like "
                + "2025-07-01T00:00:00Z or a date like 2025-07-01");
      }
    }
  }
}
