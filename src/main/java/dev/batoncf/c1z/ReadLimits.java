package dev.batoncf.c1z;

/**
 * How much a reader may decode from one c1z, so that a hostile or broken file (a "zstd bomb": a few
 * KB that decode to gigabytes) cannot fill the temp directory. The decoded payload must start with
 * SQLite's header and may not be larger than the size that header declares; beyond that it is
 * capped at {@code maxDecodedBytes} and, with the default cap, at {@value #RATIO} times the file's
 * own size (never below {@value #FLOOR_MIB} MiB): real c1z files compress a few times, not
 * thousands.
 *
 * @param maxDecodedBytes the absolute cap (Baton's default is 10 GiB)
 * @param ratioGuard also cap at {@value #RATIO} times the compressed size; off when the user set
 *     the cap explicitly
 */
public record ReadLimits(long maxDecodedBytes, boolean ratioGuard) {
  /** The setting users know the cap by (Baton's own name for it). */
  public static final String SETTING = "BATON_DECODER_MAX_DECODED_SIZE_MB";

  static final long DEFAULT_MAX = 10L << 30;
  static final long RATIO = 1000;
  static final long FLOOR_MIB = 64;

  public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX, true);

  public ReadLimits {
    if (maxDecodedBytes < 1) {
      throw new IllegalArgumentException("the decoded-size cap must be positive");
    }
  }

  /** An explicit cap in MiB, as {@value #SETTING} gives it; no ratio guard. */
  public static ReadLimits ofMegabytes(long mib) {
    return new ReadLimits(Math.multiplyExact(mib, 1L << 20), false);
  }

  /** The most a file of {@code compressedBytes} may decode to. */
  long limitFor(long compressedBytes) {
    if (!ratioGuard) {
      return maxDecodedBytes;
    }
    long byRatio =
        compressedBytes > Long.MAX_VALUE / RATIO ? Long.MAX_VALUE : compressedBytes * RATIO;
    return Math.min(maxDecodedBytes, Math.max(FLOOR_MIB << 20, byRatio));
  }
}
