package dev.batoncf.files;

/**
 * Work to do if the JVM exits (SIGTERM, SIGINT, System.exit) before its owner finished: a shutdown
 * hook that is removed again by {@link #close()}. Kill -9 runs no hook; that is what the stale-temp
 * cleanup of {@link TempDirs} is for.
 */
public final class ExitHook implements AutoCloseable {
  private final Thread thread;

  private ExitHook(Thread thread) {
    this.thread = thread;
  }

  public static ExitHook register(String name, Runnable action) {
    Thread t = new Thread(action, name);
    Runtime.getRuntime().addShutdownHook(t);
    return new ExitHook(t);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs (or ran) anyway
    }
  }
}
