package dev.batoncf.daemon;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The daemon's validated settings.
 *
 * @param shutdownTimeout how long the sync in flight (and gRPC calls) may finish on SIGTERM
 */
public record DaemonConfig(
    Path outputDir, RunPlanner planner, Retention retention, Duration shutdownTimeout) {}
