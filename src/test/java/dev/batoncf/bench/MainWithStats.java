package dev.batoncf.bench;

import dev.batoncf.cli.JvmStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real CLI ({@code dev.batoncf.Main}) for a benchmark's child JVM ({@link ChildJvm}): on exit
 * (SIGTERM included) it prints one line to stderr with the JVM's peak heap ({@link
 * JvmStats#peakHeapBytes}, as the CLI's sync statistics measure it) and its peak resident set
 * ({@code VmHWM} of {@code /proc/self/status}; -1 where there is no such file).
 */
public final class MainWithStats {
  static final String STATS_PREFIX = "jvm stats: ";

  public static void main(String[] args) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    System.err.println(line(JvmStats.peakHeapBytes() / (1024 * 1024), peakRssMb())),
                "jvm-stats"));
    dev.batoncf.Main.main(args);
  }

  /** The line {@link ChildJvm#stats} reads. */
  static String line(long peakHeapMb, long peakRssMb) {
    return STATS_PREFIX + "peak_heap_mb=" + peakHeapMb + " peak_rss_mb=" + peakRssMb;
  }

  /** The high-water mark of this process's resident set, in MB, or -1 when unknown. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private MainWithStats() {}
}
