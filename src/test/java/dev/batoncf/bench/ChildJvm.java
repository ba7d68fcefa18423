package dev.batoncf.bench;

import dev.batoncf.simulator.Seeds;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one way the benchmarks start the product: the fat jar in a child JVM with its own heap cap,
 * under {@link MainWithStats} (from the test classes, next to the jar), so that the heap and RSS it
 * reports are the connector's alone and not the simulator's or the host's.
 */
public final class ChildJvm {
  private static final Pattern STATS =
      Pattern.compile(
          Pattern.quote(MainWithStats.STATS_PREFIX) + "peak_heap_mb=(\\d+) peak_rss_mb=(-?\\d+)");

  /** What the child printed when it exited; -1 for a figure it did not print. */
  public record Stats(long peakHeapMb, long peakRssMb) {}

  private ChildJvm() {}

  /**
   * A process builder for {@code java -Xmx<xmx> <jvmArgs> … MainWithStats <args>}, with the demo
   * token as the only {@code BATON_*} variable and stderr going to {@code stderr}.
   */
  public static ProcessBuilder cli(
      Path jar, String xmx, List<String> jvmArgs, List<String> args, Path stderr) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + xmx);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(jar + java.io.File.pathSeparator + testClasses());
    cmd.add(MainWithStats.class.getName());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
    pb.environment().put("BATON_API_TOKEN", Seeds.DEMO_API_TOKEN);
    return pb;
  }

  /** The peaks from a child's stderr (the last line of them, if it printed more than one). */
  public static Stats stats(String stderr) {
    Matcher m = STATS.matcher(stderr);
    Stats s = new Stats(-1, -1);
    while (m.find()) {
      s = new Stats(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }
    return s;
  }

  /** Deletes a directory and everything below it. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static Path testClasses() {
    try {
      return Path.of(
          MainWithStats.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the test classes", e);
    }
  }
}
