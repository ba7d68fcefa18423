package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.c1z.C1zFormatException.Reason;
import dev.batoncf.support.CliRun;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoding is bounded: a zstd bomb (about 130 KB that decode to 4 GiB) is refused after the first
 * bytes or at the limit, never written out whole; the SQLite header is checked first.
 */
class ReaderLimitsTest {
  private static final long BOMB_BYTES = 4L << 30;

  @TempDir static Path dir;
  static byte[] realHeader;

  @TempDir Path work;

  @BeforeAll
  static void realDatabaseHeader() throws Exception {
    Path file = dir.resolve("valid.c1z");
    try (C1zWriter w = C1zWriter.create(file, dir, Fixtures.fixedClock())) {
      w.putResourceType(Fixtures.userType());
      w.finish();
    }
    Path db = RawC1z.extract(file, dir.resolve("valid.db"));
    realHeader = Arrays.copyOf(Files.readAllBytes(db), 100);
  }

  @Test
  void aBombOfZerosIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path bomb = bomb("zeros.c1z", new byte[0]);
    assertEquals(131_083, Files.size(bomb), "a 128 KiB file that decodes to 4 GiB");
    Path out = work.resolve("db");
    C1zFormatException e =
        assertThrows(
            C1zFormatException.class, () -> C1zCodec.decompress(bomb, out, ReadLimits.DEFAULT));
    assertEquals(Reason.CORRUPT, e.reason());
    assertEquals(bomb + ": payload is not a SQLite database", e.getMessage());
    assertTrue(!Files.exists(out), "nothing written for a payload that is not SQLite");
  }

  @Test
  void aBombBehindARealHeaderStopsAtTheSizeTheHeaderDeclares() throws Exception {
    Path bomb = bomb("header.c1z", realHeader);
    long declared = SqliteHeader.declaredSize(realHeader);
    assertTrue(declared > 0 && declared < (1 << 20), "declared " + declared);
    Path out = work.resolve("db");
    C1zFormatException e =
        assertThrows(
            C1zFormatException.class, () -> C1zCodec.decompress(bomb, out, ReadLimits.DEFAULT));
    assertEquals(Reason.CORRUPT, e.reason());
    assertEquals(
        bomb
            + ": decoded payload is larger than the "
            + C1zCodec.bytes(declared)
            + " its SQLite header declares",
        e.getMessage());
    assertTrue(Files.size(out) <= declared + 1, "wrote " + Files.size(out));
  }

  @Test
  void aBombThatDeclaresAHugeDatabaseStopsAtTheRatioLimit() throws Exception {
    byte[] huge = realHeader.clone();
    ByteBuffer.wrap(huge).putShort(16, (short) 1).putInt(28, Integer.MAX_VALUE); // 64 KiB pages
    ByteBuffer.wrap(huge).putInt(92, ByteBuffer.wrap(huge).getInt(24));
    Path bomb = bomb("huge.c1z", huge);
    assertEquals(131_186, Files.size(bomb));
    C1zFormatException early =
        assertThrows(
            C1zFormatException.class,
            () -> C1zCodec.decompress(bomb, work.resolve("db"), ReadLimits.DEFAULT));
    assertEquals(Reason.TOO_LARGE, early.reason());
    // 1000 times 131,186 bytes is 125.1 MiB, above the 64 MiB floor
    assertEquals(
        bomb
            + ": the database inside declares 128 TiB, more than the 126 MiB allowed for a file "
            + "of this size (1000 times it; a zstd bomb?); if the file is genuine, set "
            + "BATON_DECODER_MAX_DECODED_SIZE_MB higher",
        early.getMessage());
    assertTrue(!Files.exists(work.resolve("db")), "refused from the header alone");

    // Without a page count the header vouches for, the cap applies while decoding.
    ByteBuffer.wrap(huge).putInt(92, 0);
    Path unsized = bomb("unsized.c1z", huge);
    Path out = work.resolve("db2");
    C1zFormatException capped =
        assertThrows(
            C1zFormatException.class, () -> C1zCodec.decompress(unsized, out, ReadLimits.DEFAULT));
    assertEquals(Reason.TOO_LARGE, capped.reason());
    long allowed = 131_186_000L;
    assertTrue(
        capped
            .getMessage()
            .startsWith(
                unsized
                    + ": decoded payload exceeds the 126 MiB allowed for a "
                    + "file of this size"),
        capped.getMessage());
    assertTrue(
        Files.size(out) <= allowed + 1,
        "wrote " + Files.size(out) + " of the bomb's " + BOMB_BYTES);
  }

  @Test
  void anExplicitCapRefusesLargerFilesAndTheReaderCleansUp() throws Exception {
    Path file = dir.resolve("big.c1z");
    try (C1zWriter w = C1zWriter.create(file, dir, Fixtures.fixedClock())) {
      w.putResourceType(Fixtures.userType());
      for (int i = 0; i < 10_000; i++) {
        w.putResource(Fixtures.user("u-" + i, "user" + i + "@example.com"));
      }
      w.finish();
    }
    C1zFormatException e =
        assertThrows(
            C1zFormatException.class,
            () -> C1zReader.open(file, null, work, ReadLimits.ofMegabytes(1)));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertTrue(e.getMessage().startsWith(file + ": the database inside declares "), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                ", more than the 1 MiB decoded-size limit; if the file is genuine, "
                    + "set BATON_DECODER_MAX_DECODED_SIZE_MB higher"),
        e.getMessage());
    assertEquals(List.of(), names(work));
    try (C1zReader r = C1zReader.open(file, null, work, ReadLimits.ofMegabytes(64))) {
      assertEquals(10_000, r.counts().resources());
    }
  }

  @Test
  void tooShortPayloadsAndSpecialFilesAreRefusedInOneLine() throws Exception {
    Path magicOnly = Files.write(dir.resolve("magic-only.c1z"), RawC1z.MAGIC);
    C1zFormatException e =
        assertThrows(C1zFormatException.class, () -> C1zReader.open(magicOnly, null, work));
    assertEquals(magicOnly + ": payload is not a SQLite database", e.getMessage());
    Path fifo = dir.resolve("pipe.c1z");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, p.waitFor());
    C1zFormatException f =
        assertThrows(C1zFormatException.class, () -> C1zReader.open(fifo, null, work));
    assertEquals(Reason.NOT_A_FILE, f.reason());
    assertEquals(fifo + ": not a regular file (a FIFO (named pipe))", f.getMessage());
    C1zFormatException d =
        assertThrows(C1zFormatException.class, () -> C1zReader.open(dir, null, work));
    assertEquals(dir + ": not a regular file (a directory)", d.getMessage());
    assertEquals(List.of(), names(work));
  }

  @Test
  void theReadersSayItInOneLineAndTheCapIsConfigurable() throws Exception {
    Path bomb = bomb("cli.c1z", realHeader);
    CliRun r = CliRun.run("resources", "-f", bomb.toString());
    assertEquals(1, r.code(), r.both());
    assertEquals(
        List.of(
            "error: "
                + bomb
                + ": decoded payload is larger than the "
                + C1zCodec.bytes(SqliteHeader.declaredSize(realHeader))
                + " its SQLite header declares"),
        r.err().lines().toList());
    CliRun bad = CliRun.run(Map.of(ReadLimits.SETTING, "lots"), "grants", "-f", bomb.toString());
    assertEquals(2, bad.code(), bad.both());
    assertEquals(
        List.of(
            "error: BATON_DECODER_MAX_DECODED_SIZE_MB must be a whole number of MiB from 1 to "
                + "1073741824, not 'lots'"),
        bad.err().lines().toList());
    Path huge = dir.resolve("huge-cli.c1z");
    byte[] h = realHeader.clone();
    ByteBuffer.wrap(h).putInt(28, 1 << 20); // 1 Mi pages of the real page size: 4 GiB
    ByteBuffer.wrap(h).putInt(92, ByteBuffer.wrap(h).getInt(24));
    Files.move(bomb("tmp.c1z", h), huge);
    CliRun capped =
        CliRun.run(Map.of(ReadLimits.SETTING, "2"), "entitlements", "-f", huge.toString());
    assertEquals(1, capped.code(), capped.both());
    assertEquals(
        List.of(
            "error: "
                + huge
                + ": the database inside declares 4 GiB, more than the 2 MiB "
                + "decoded-size limit; if the file is genuine, set BATON_DECODER_MAX_DECODED_SIZE_MB higher"),
        capped.err().lines().toList());
  }

  /**
   * Magic + one zstd frame, written by hand (RFC 8878): {@code prefix} as a raw block, then RLE
   * blocks of 128 KiB of zeros, each 4 bytes, up to {@value #BOMB_BYTES} bytes decoded: about 128
   * KiB of file for 4 GiB.
   */
  private static Path bomb(String name, byte[] prefix) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(RawC1z.MAGIC);
      out.write(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}); // zstd frame magic
      out.write(0x00); // descriptor: no content size, no checksum, no dictionary
      out.write(7 << 3); // window 2^(10+7) = 128 KiB
      long left = BOMB_BYTES;
      if (prefix.length > 0) {
        blockHeader(out, prefix.length, 0, false);
        out.write(prefix);
        left -= prefix.length;
      }
      int block = 128 * 1024;
      while (left > 0) {
        int n = (int) Math.min(block, left);
        left -= n;
        blockHeader(out, n, 1, left == 0);
        out.write(0);
      }
    }
    return file;
  }

  private static void blockHeader(OutputStream out, int size, int type, boolean last)
      throws IOException {
    int h = (size << 3) | (type << 1) | (last ? 1 : 0);
    out.write(h & 0xFF);
    out.write((h >> 8) & 0xFF);
    out.write((h >> 16) & 0xFF);
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
