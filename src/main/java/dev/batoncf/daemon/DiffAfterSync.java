package dev.batoncf.daemon;

import dev.batoncf.c1z.C1zReader;
import dev.batoncf.files.OutputFile;
import dev.batoncf.review.DiffJson;
import dev.batoncf.review.DiffSummary;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <sync>.diff.json}: what changed since the previous good sync, the same bytes as
 * {@code diff -f <sync> --base <previous> -o json}. The first sync has nothing to compare with and
 * gets no diff.
 */
public final class DiffAfterSync implements AfterSync {
  private static final Logger log = LoggerFactory.getLogger(DiffAfterSync.class);
  public static final String SUFFIX = "diff.json";

  @Override
  public String name() {
    return "diff";
  }

  @Override
  public void run(Context ctx) throws Exception {
    if (ctx.previous() == null) {
      log.info("diff: {} is the first sync here; nothing to compare with", ctx.current().name());
      return;
    }
    Path target = ctx.sibling(SUFFIX);
    DiffSummary[] summary = new DiffSummary[1];
    try (C1zReader before = C1zReader.open(ctx.previous().path(), null, ctx.workDir());
        C1zReader after = C1zReader.open(ctx.current().path(), null, ctx.workDir())) {
      OutputFile.check(target)
          .write(
              out -> {
                PrintWriter w =
                    new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                summary[0] = DiffJson.write(before, after, w);
                w.flush();
                if (w.checkError()) { // PrintWriter keeps write errors to itself
                  throw new java.io.IOException("could not write " + target);
                }
              });
    }
    log.info("diff: {} since {}: {}", target.getFileName(), ctx.previous().name(), summary[0]);
  }
}
