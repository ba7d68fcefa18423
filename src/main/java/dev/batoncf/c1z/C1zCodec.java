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
 * The c1z v1 envelope: the 5-byte magic {@code C1ZF\0}, then one zstd stream whose decoded bytes are
 * a complete SQLite database file (baton-protocol.md §2.1–2.2).
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
    /** Same default cap as Baton's decoder: a hostile or broken file must not fill the disk. */
    static final long MAX_DECODED_BYTES = 10L << 30;

    private C1zCodec() {
    }

    /**
     * Writes {@code out} as magic + zstd(db) and forces it to disk. The frame records the content
     * size and a checksum, so a reader can detect truncation and bit rot. {@code out} may exist
     * (an owner-only temp file made for it) and is then overwritten.
     */
    static void compress(Path db, Path out) throws IOException {
        try (FileChannel in = FileChannel.open(db, StandardOpenOption.READ);
             FileChannel dst = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
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
            ByteBuffer buf = ByteBuffer.allocateDirect((int) ZstdOutputStreamNoFinalizer.recommendedCOutSize());
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
     * Checks the magic of {@code c1z} and decodes its payload into {@code dbOut}.
     *
     * @throws C1zFormatException for a missing file, a foreign or v3 magic, a damaged zstd
     *     stream, or a payload that is not SQLite
     */
    static void decompress(Path c1z, Path dbOut) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(c1z);
        } catch (NoSuchFileException e) {
            throw new C1zFormatException(Reason.MISSING, c1z, "no such file");
        }
        try (InputStream in = new BufferedInputStream(raw, CHUNK)) {
            checkMagic(c1z, in.readNBytes(MAGIC_V1.length));
            long decoded;
            try (ZstdInputStream zin = new ZstdInputStream(in);
                 OutputStream out = Files.newOutputStream(dbOut, StandardOpenOption.CREATE_NEW)) {
                decoded = copyAtMost(zin, out, MAX_DECODED_BYTES + 1);
            } catch (IOException e) {
                throw new C1zFormatException(Reason.CORRUPT, c1z,
                        "corrupt or truncated zstd stream (" + oneLine(e) + ")", e);
            }
            if (decoded > MAX_DECODED_BYTES) {
                throw new C1zFormatException(Reason.CORRUPT, c1z,
                        "decoded payload is larger than " + (MAX_DECODED_BYTES >> 30) + " GiB");
            }
        }
        byte[] header = new byte[SQLITE_HEADER.length];
        try (InputStream db = Files.newInputStream(dbOut)) {
            int n = db.readNBytes(header, 0, header.length);
            if (n != header.length || !Arrays.equals(header, SQLITE_HEADER)) {
                throw new C1zFormatException(Reason.CORRUPT, c1z, "payload is not a SQLite database");
            }
        }
    }

    /** Copies up to {@code limit} bytes; returns how many were copied. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buf = new byte[CHUNK];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buf, 0, (int) Math.min(buf.length, limit - total))) >= 0) {
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
            throw new C1zFormatException(Reason.UNSUPPORTED_VERSION, file,
                    "c1z v3 (magic \"C1Z3\\0\", Pebble engine) is not supported; only v1 (\"C1ZF\\0\", SQLite) is."
                            + " Write it with Baton's --storage-engine sqlite");
        }
        String found = magic.length == 0 ? "an empty file" : "magic " + describe(magic);
        throw new C1zFormatException(Reason.NOT_C1Z, file,
                "not a c1z file: expected magic \"C1ZF\\0\", found " + found);
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
