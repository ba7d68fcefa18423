package dev.batoncf.c1z;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.batoncf.c1z.C1zFormatException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The c1z v1 envelope: the 5-byte magic {@code C1ZF\0}, then one zstd stream whose decoded bytes
 * are a complete SQLite database file (baton-protocol.md §2.1–2.2).
 */
final class C1zCodec {

  static final byte[] MAGIC_V1 = {'C', '1', 'Z', 'F', 0};
  static final byte[] MAGIC_V3 = {'C', '1', 'Z', '3', 0};
  static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** Fast levels keep finish() short; Baton itself writes at its fastest level. */
  private static final int LEVEL = 3;

  /** 4 MiB window: far under the 128 MiB Baton's decoder allows by default. */
  private static final int WINDOW_LOG = 22;

  private static final int CHUNK = 1 << 20;

  private C1zCodec() {}

  /**
   * Writes {@code out} as magic + zstd(db) and forces it to disk. The frame records the content
   * size and a checksum, so a reader can detect truncation and bit rot. {@code out} may exist (an
   * owner-only temp file made for it) and is then overwritten.
   */
  static void compress(Path db, Path out) throws IOException {
    try (FileChannel in = FileChannel.open(db, StandardOpenOption.READ);
        FileChannel dst =
            FileChannel.open(
                out,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      long size = in.size();
      ctx.setLevel(LEVEL);
      ctx.setWindowLog(WINDOW_LOG);
      ctx.setChecksum(true);
      ctx.setContentSize(true);
      ctx.setPledgedSrcSize(size);

      writeFully(dst, ByteBuffer.wrap(MAGIC_V1));
      ByteBuffer src = ByteBuffer.allocateDirect(CHUNK);
      ByteBuffer buf =
          ByteBuffer.allocateDirect((int) ZstdOutputStreamNoFinalizer.recommendedCOutSize());
      long read = 0;
      boolean done = false;
      while (!done) {
        int n = in.read(src);
        if (n > 0) {
          read += n;
        }
        src.flip();
        boolean last = n < 0 || read >= size;
        EndDirective directive = last ? EndDirective.END : EndDirective.CONTINUE;
        boolean flushed;
        do {
          buf.clear();
          flushed = ctx.compressDirectByteBufferStream(buf, src, directive);
          buf.flip();
          writeFully(dst, buf);
        } while (src.hasRemaining() || (last && !flushed));
        src.clear();
        done = last;
      }
      if (read != size) {
        throw new IOException("database file changed while compressing: " + db);
      }
      dst.force(true);
    }
  }

  /**
   * Checks the magic of {@code c1z} and decodes its payload into {@code dbOut}, within {@code
   * limits}: the first decoded bytes must be a SQLite header (checked before anything is written),
   * and no more is written than that header declares or the limits allow.
   *
   * @throws C1zFormatException for a missing file, a foreign or v3 magic, a damaged zstd stream, a
   *     payload that is not SQLite, or one larger than allowed
   */
  static void decompress(Path c1z, Path dbOut, ReadLimits limits) throws IOException {
    InputStream raw;
    long limit;
    try {
      limit = limits.limitFor(Files.size(c1z));
      raw = Files.newInputStream(c1z);
    } catch (NoSuchFileException e) {
      throw new C1zFormatException(Reason.MISSING, c1z, "no such file");
    }
    try (InputStream in = new BufferedInputStream(raw, CHUNK)) {
      checkMagic(c1z, in.readNBytes(MAGIC_V1.length));
      try (ZstdInputStream zin = new ZstdInputStream(in)) {
        byte[] head = readHead(c1z, zin);
        long declared = SqliteHeader.declaredSize(head);
        if (declared < 0) {
          throw new C1zFormatException(Reason.CORRUPT, c1z, "payload is not a SQLite database");
        }
        if (declared > limit) {
          throw tooLarge(
              c1z,
              "the database inside declares " + bytes(declared) + ", more than",
              limit,
              limits);
        }
        long cap = declared > 0 ? declared : limit;
        long decoded;
        try (OutputStream out = Files.newOutputStream(dbOut, StandardOpenOption.CREATE_NEW)) {
          out.write(head);
          decoded = head.length + copyAtMost(c1z, zin, out, cap - head.length + 1);
        } catch (C1zFormatException e) {
          throw e;
        } catch (IOException e) {
          // the temp directory, not the file, is the problem (full, read-only)
          throw new IOException(
              "cannot unpack " + c1z + " into " + dbOut.getParent() + ": " + oneLine(e), e);
        }
        if (decoded > cap) {
          throw declared > 0
              ? new C1zFormatException(
                  Reason.CORRUPT,
                  c1z,
                  "decoded payload is larger than the "
                      + bytes(declared)
                      + " its SQLite header declares")
              : tooLarge(c1z, "decoded payload exceeds", limit, limits);
        }
      }
    }
  }

  /** The SQLite header's 100 bytes, or what there is of them; a damaged stream is CORRUPT. */
  private static byte[] readHead(Path c1z, InputStream zin) throws C1zFormatException {
    try {
      return zin.readNBytes(SqliteHeader.LENGTH);
    } catch (IOException e) {
      throw new C1zFormatException(
          Reason.CORRUPT, c1z, "corrupt or truncated zstd stream (" + oneLine(e) + ")", e);
    }
  }

  /** {@code what} is "decoded payload exceeds" or "… declares X, more than". */
  private static C1zFormatException tooLarge(Path c1z, String what, long limit, ReadLimits limits) {
    String which =
        limits.ratioGuard() && limit < limits.maxDecodedBytes()
            ? " allowed for a file of this size (" + ReadLimits.RATIO + " times it; a zstd bomb?)"
            : " decoded-size limit";
    return new C1zFormatException(
        Reason.TOO_LARGE,
        c1z,
        what
            + " the "
            + bytes(limit)
            + which
            + "; if the file is genuine, set "
            + ReadLimits.SETTING
            + " higher");
  }

  /** "132 KiB", "64 MiB", "10 GiB" (rounded up), or bytes below 1 KiB. */
  static String bytes(long n) {
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (n < 1024) {
      return n + " bytes";
    }
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (long) Math.ceil(v) + " " + units[u];
  }

  /** Copies up to {@code limit} bytes; returns how many were copied. A failed read is CORRUPT. */
  private static long copyAtMost(Path c1z, InputStream in, OutputStream out, long limit)
      throws IOException {
    byte[] buf = new byte[CHUNK];
    long total = 0;
    while (total < limit) {
      int n;
      try {
        n = in.read(buf, 0, (int) Math.min(buf.length, limit - total));
      } catch (IOException e) {
        throw new C1zFormatException(
            Reason.CORRUPT, c1z, "corrupt or truncated zstd stream (" + oneLine(e) + ")", e);
      }
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      total += n;
    }
    return total;
  }

  private static void checkMagic(Path file, byte[] magic) throws C1zFormatException {
    if (Arrays.equals(magic, MAGIC_V1)) {
      return;
    }
    if (Arrays.equals(magic, MAGIC_V3)) {
      throw new C1zFormatException(
          Reason.UNSUPPORTED_VERSION,
          file,
          "c1z v3 (magic \"C1Z3\\0\", Pebble engine) is not supported; only v1 (\"C1ZF\\0\", SQLite) is."
              + " Write it with Baton's --storage-engine sqlite");
    }
    String found = magic.length == 0 ? "an empty file" : "magic " + describe(magic);
    throw new C1zFormatException(
        Reason.NOT_C1Z, file, "not a c1z file: expected magic \"C1ZF\\0\", found " + found);
  }

  /** Printable ASCII as text, anything else as \xNN, so the message stays one line. */
  static String describe(byte[] bytes) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c == 0) {
        out.append("\\0");
      } else if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02X", c));
      }
    }
    return out.append('"').toString();
  }

  private static String oneLine(Throwable e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return msg.replaceAll("\\s+", " ").trim();
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
