package dev.batoncf.review;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.SimSync;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Syncs a simulated account into a real c1z and reviews it, for the review tests. */
final class Reviews {
  /** The demo's data is from June 2025; reviewed as of the start of July 2025. */
  static final Instant DEMO_AS_OF = Instant.parse("2025-07-01T00:00:00Z");

  private Reviews() {}

  static ReviewRules rules(Instant asOf) {
    return new ReviewRules(14, 90, 30, ReviewRules.RiskLevel.HIGH, asOf);
  }

  static Path sync(SimAccount account, Path file) {
    try (CfSimulator sim = CfSimulator.start(account)) {
      SimSync.sync(sim, SimSync.demoToken(), file, true);
    }
    return file;
  }

  static AccessReview review(Path file, ReviewRules rules, List<Path> earlier) {
    try (C1zReader r = C1zReader.open(file)) {
      return AccessReviewReader.read(
          r, file.getFileName().toString(), earlier, rules, ZoneId.systemDefault());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String render(AccessReview review, ReportFormat format) {
    StringWriter w = new StringWriter();
    try {
      format.write(review, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** "Principal name | identity type | flag code | reason" for every flag, in report order. */
  static List<String> flagLines(AccessReview review) {
    return review.principals().stream()
        .flatMap(
            p ->
                p.identities().stream()
                    .flatMap(
                        i ->
                            i.flags().stream()
                                .map(
                                    f ->
                                        p.name()
                                            + " | "
                                            + i.type()
                                            + " | "
                                            + f.code().code()
                                            + " | "
                                            + f.reason())))
        .toList();
  }

  static Identity identity(AccessReview review, String type, String id) {
    return review.principals().stream()
        .flatMap(p -> p.identities().stream())
        .filter(i -> i.type().equals(type) && i.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no identity " + type + ":" + id));
  }

  static Principal principal(AccessReview review, String name) {
    return review.principals().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no principal " + name));
  }
}
