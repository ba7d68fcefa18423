package dev.batoncf.cli;

/** design.md §4. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int RUNTIME = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}
}
