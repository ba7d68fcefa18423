package dev.batoncf.c1z;

/**
 * Which earlier syncs a new file carries over from the file it replaces, so that one file holds the
 * new sync and the last ones before it, as a Go connector's file does (Baton keeps 2 syncs by
 * default: {@code BATON_KEEP_SYNC_COUNT}). Only finished full syncs recorded with the same {@code
 * owner} are kept; a file of another owner, of unknown owner or that is not a readable c1z v1
 * contributes nothing (and is still replaced).
 *
 * @param owner who the syncs describe (the Cloudflare account id); null keeps nothing
 * @param keepPrevious how many earlier syncs to keep, 0 for none
 */
public record SyncHistory(String owner, int keepPrevious) {

  /** Baton's default: the new sync plus the one before it. */
  public static final int DEFAULT_KEEP_PREVIOUS = 1;

  public SyncHistory {
    if (keepPrevious < 0) {
      throw new IllegalArgumentException("keepPrevious must be 0 or more");
    }
  }

  /** Only the new sync. */
  public static SyncHistory none() {
    return new SyncHistory(null, 0);
  }

  boolean keepsAny() {
    return owner != null && keepPrevious > 0;
  }
}
