package dev.batoncf.c1z;

import java.util.Arrays;

/**
 * The fields of a SQLite database header (sqlite.org/fileformat.html §1.3) a reader checks first.
 */
final class SqliteHeader {

  static final int LENGTH = 100;

  private SqliteHeader() {}

  /**
   * The database size the header declares (page size times page count), 0 when the header does not
   * vouch for its page count (it did not come from a SQLite 3.7+ writer), or -1 when the bytes are
   * not a SQLite header at all.
   */
  static long declaredSize(byte[] head) {
    if (head.length < LENGTH
        || !Arrays.equals(
            head,
            0,
            C1zCodec.SQLITE_HEADER.length,
            C1zCodec.SQLITE_HEADER,
            0,
            C1zCodec.SQLITE_HEADER.length)) {
      return -1;
    }
    int raw = u16(head, 16);
    long pageSize = raw == 1 ? 65536 : raw;
    if (pageSize < 512 || pageSize > 65536 || Long.bitCount(pageSize) != 1) {
      return -1;
    }
    long pages = u32(head, 28);
    boolean valid = pages > 0 && u32(head, 24) == u32(head, 92);
    return valid ? pages * pageSize : 0;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }
}
