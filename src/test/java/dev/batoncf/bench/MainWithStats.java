package dev.batoncf.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real CLI ({@code dev.batoncf.Main}) for a benchmark's child JVM ({@link ChildJvm}): on exit
 * (SIGTERM included) it prints one line to stderr with the JVM's peak heap (the sum of the heap
 * memory pools' peak usage, garbage not yet collected included) and its peak resident set
 * ({@code VmHWM} of {@code /proc/self/status}; -1 where there is no such file).
 */
public final class MainWithStats {
  static final String STATS_PREFIX = "jvm stats: ";

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(STATS_PREFIX
        + "peak_heap_mb=" + peakHeapBytes() / (1024 * 1024) + " peak_rss_mb=" + peakRssMb()),
        "jvm-stats"));
    dev.batoncf.Main.main(args);
  }

  static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
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
