package dev.batoncf.c1z;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * K-Sortable Unique IDs, the format Baton uses for sync ids (segmentio/ksuid).
 *
 * <p>20 bytes: a 4-byte big-endian count of seconds since the KSUID epoch (1,400,000,000 Unix
 * seconds) followed by 16 random bytes, written as 27 base62 characters ({@code 0-9A-Za-z}),
 * left-padded with {@code '0'}. Because the timestamp leads, ids sort by creation second.
 */
public final class Ksuid {

  /** Length of the base62 text form. */
  public static final int LENGTH = 27;

  /** Number of random bytes after the timestamp. */
  public static final int PAYLOAD_BYTES = 16;

  private static final long EPOCH_SECONDS = 1_400_000_000L;
  private static final long MAX_TIMESTAMP = 0xFFFF_FFFFL;
  private static final int TOTAL_BYTES = 4 + PAYLOAD_BYTES;
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(62);

  /** Largest value that fits in 20 bytes; its base62 form is the largest valid KSUID. */
  private static final BigInteger MAX_VALUE =
      BigInteger.ONE.shiftLeft(TOTAL_BYTES * 8).subtract(BigInteger.ONE);

  // SecureRandom is thread-safe; holding one avoids re-seeding cost per id.
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ksuid() {}

  /** A new KSUID for the current time. */
  public static String next() {
    return next(Instant.now(), randomPayload());
  }

  /** 16 bytes from a SecureRandom, for {@link #next(Instant, byte[])} with an injected clock. */
  static byte[] randomPayload() {
    byte[] payload = new byte[PAYLOAD_BYTES];
    RANDOM.nextBytes(payload);
    return payload;
  }

  /**
   * The KSUID for {@code time} (truncated to whole seconds) and the given 16-byte payload.
   *
   * @throws IllegalArgumentException if the payload is not 16 bytes or the time is outside the
   *     range a KSUID can hold (2014-05-13T16:53:20Z plus 2^32-1 seconds)
   */
  public static String next(Instant time, byte[] payload) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(payload, "payload");
    if (payload.length != PAYLOAD_BYTES) {
      throw new IllegalArgumentException("KSUID payload must be 16 bytes, got " + payload.length);
    }
    long ts = time.getEpochSecond() - EPOCH_SECONDS;
    if (ts < 0 || ts > MAX_TIMESTAMP) {
      throw new IllegalArgumentException("time outside the KSUID range: " + time);
    }
    byte[] raw = new byte[TOTAL_BYTES];
    raw[0] = (byte) (ts >>> 24);
    raw[1] = (byte) (ts >>> 16);
    raw[2] = (byte) (ts >>> 8);
    raw[3] = (byte) ts;
    System.arraycopy(payload, 0, raw, 4, PAYLOAD_BYTES);
    return encode(new BigInteger(1, raw));
  }

  /** True if {@code s} is 27 base62 characters whose value fits in 20 bytes. */
  public static boolean isValid(String s) {
    if (s == null || s.length() != LENGTH) {
      return false;
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < LENGTH; i++) {
      int digit = ALPHABET.indexOf(s.charAt(i));
      if (digit < 0) {
        return false;
      }
      value = value.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    return value.compareTo(MAX_VALUE) <= 0;
  }

  /** The creation time encoded in a valid KSUID, to the second. */
  public static Instant timeOf(String ksuid) {
    if (!isValid(ksuid)) {
      throw new IllegalArgumentException("not a KSUID: " + ksuid);
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < LENGTH; i++) {
      value = value.multiply(BASE).add(BigInteger.valueOf(ALPHABET.indexOf(ksuid.charAt(i))));
    }
    long ts = value.shiftRight(PAYLOAD_BYTES * 8).longValue();
    return Instant.ofEpochSecond(ts + EPOCH_SECONDS);
  }

  private static String encode(BigInteger value) {
    char[] out = new char[LENGTH];
    Arrays.fill(out, '0');
    int pos = LENGTH;
    BigInteger v = value;
    while (v.signum() > 0) {
      BigInteger[] qr = v.divideAndRemainder(BASE);
      out[--pos] = ALPHABET.charAt(qr[1].intValue());
      v = qr[0];
    }
    return new String(out);
  }
}
