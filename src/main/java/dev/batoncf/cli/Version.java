package dev.batoncf.cli;

/** The product version shown by --version and sent as User-Agent. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
