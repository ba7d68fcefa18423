package dev.batoncf.connector;

/**
 * Thrown while an incremental sync runs when its shortcut turns out not to be trustworthy; the
 * caller discards the partial file and runs a full sync, saying {@link #getMessage()} once.
 */
public final class IncrementalUnsafe extends RuntimeException {
  public IncrementalUnsafe(String reason) {
    super(reason);
  }

  public IncrementalUnsafe(String reason, Throwable cause) {
    super(reason, cause);
  }
}
