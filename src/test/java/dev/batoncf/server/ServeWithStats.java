package dev.batoncf.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The real CLI ({@code dev.batoncf.Main}) for a child JVM of {@link HostWalkBenchmark}: on exit
 * (SIGTERM included) it prints one line with the peak heap, measured as the CLI's own sync
 * statistics measure it (the sum of the heap pools' peaks).
 */
public final class ServeWithStats {
  static final String STATS_PREFIX = "serve stats: peak_heap_mb=";

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.err.println(STATS_PREFIX + peak / (1024 * 1024));
    }, "serve-stats"));
    dev.batoncf.Main.main(args);
  }

  private ServeWithStats() {}
}
