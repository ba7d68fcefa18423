package dev.batoncf.simulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic identifiers in Cloudflare's formats, and IP normalisation for intel lookups. */
final class Ids {
  private Ids() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** 32 lower-case hex characters from a seeded generator (membership, user, role, token ids). */
  static String hex32(SplittableRandom r) {
    char[] out = new char[32];
    fill(out, 0, r.nextLong());
    fill(out, 16, r.nextLong());
    return new String(out);
  }

  /** A version-4-shaped UUID from a seeded generator (Access users, groups, lists). */
  static String uuid(SplittableRandom r) {
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  /** 32 hex characters derived from a label, for named seed objects. */
  static String hex32(String label) {
    byte[] d = sha256(label);
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[2 * i] = HEX[(d[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[d[i] & 0xF];
    }
    return new String(out);
  }

  /** A name-based UUID derived from a label. */
  static String uuid(String label) {
    return UUID.nameUUIDFromBytes(label.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static void fill(char[] out, int at, long v) {
    for (int i = 15; i >= 0; i--) {
      out[at + i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean isIpv4(String s) {
    if (s == null || !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return false;
    }
    for (String part : s.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Only hex digits, colons and an optional embedded IPv4 tail, so parsing never hits DNS. */
  static boolean isIpv6(String s) {
    if (s == null || !s.contains(":") || !s.matches("[0-9A-Fa-f:.]{2,45}")) {
      return false;
    }
    try {
      return InetAddress.getByName(s).getAddress().length == 16;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Canonical text of an IP literal (IPv6 expanded by the JDK); anything else lower-cased. */
  static String canonicalIp(String s) {
    if (isIpv6(s)) {
      try {
        return InetAddress.getByName(s).getHostAddress();
      } catch (UnknownHostException e) {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return s.toLowerCase(Locale.ROOT);
  }
}
