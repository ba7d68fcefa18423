package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.c1z.C1zFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rejected file gives its own reason and a one-line message, and leaves no temp copy behind.
 */
class ReaderErrorsTest {

  @TempDir Path dir;
  @TempDir Path work;

  @AfterEach
  void noTempCopiesLeft() throws Exception {
    try (Stream<Path> files = Files.list(work)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void missing_file() {
    Path missing = dir.resolve("nope.c1z");
    C1zFormatException e = reject(missing);
    assertEquals(Reason.MISSING, e.reason());
    assertEquals(missing + ": no such file", e.getMessage());
  }

  @Test
  void wrong_magic_names_what_was_found() throws Exception {
    Path zip = Files.write(dir.resolve("zip.c1z"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
    C1zFormatException e = reject(zip);
    assertEquals(Reason.NOT_C1Z, e.reason());
    assertEquals(
        zip + ": not a c1z file: expected magic \"C1ZF\\0\", found magic \"PK\\x03\\x04\\x14\"",
        e.getMessage());
  }

  @Test
  void empty_file() throws Exception {
    Path empty = Files.write(dir.resolve("empty.c1z"), new byte[0]);
    C1zFormatException e = reject(empty);
    assertEquals(Reason.NOT_C1Z, e.reason());
    assertTrue(e.getMessage().endsWith("found an empty file"), e.getMessage());
  }

  @Test
  void pebble_v3_is_named_as_unsupported() throws Exception {
    Path v3 =
        Files.write(dir.resolve("pebble.c1z"), new byte[] {'C', '1', 'Z', '3', 0, 0, 0, 0, 12});
    C1zFormatException e = reject(v3);
    assertEquals(Reason.UNSUPPORTED_VERSION, e.reason());
    assertTrue(
        e.getMessage().contains("c1z v3 (magic \"C1Z3\\0\", Pebble engine) is not supported"),
        e.getMessage());
  }

  @Test
  void truncated_zstd() throws Exception {
    byte[] good = Files.readAllBytes(validFile());
    Path truncated =
        Files.write(dir.resolve("truncated.c1z"), Arrays.copyOf(good, good.length / 2));
    C1zFormatException e = reject(truncated);
    assertEquals(Reason.CORRUPT, e.reason());
    assertTrue(
        e.getMessage().startsWith(truncated + ": corrupt or truncated zstd stream ("),
        e.getMessage());
  }

  @Test
  void flipped_byte_is_caught() throws Exception {
    byte[] bytes = Files.readAllBytes(validFile());
    bytes[bytes.length / 2] ^= 0x5A;
    Path damaged = Files.write(dir.resolve("damaged.c1z"), bytes);
    assertEquals(Reason.CORRUPT, reject(damaged).reason());
  }

  @Test
  void payload_that_is_not_sqlite() throws Exception {
    Path notDb =
        Files.write(
            dir.resolve("plain.txt"), "hello, not a database".getBytes(StandardCharsets.UTF_8));
    Path c1z = dir.resolve("text.c1z");
    RawC1z.pack(notDb, c1z);
    C1zFormatException e = reject(c1z);
    assertEquals(Reason.CORRUPT, e.reason());
    assertEquals(c1z + ": payload is not a SQLite database", e.getMessage());
  }

  @Test
  void no_finished_sync() throws Exception {
    Path db = RawC1z.extract(validFile(), dir.resolve("raw.db"));
    try (Connection c = RawC1z.open(db)) {
      c.createStatement().executeUpdate("update v1_sync_runs set ended_at = null");
    }
    Path unfinished = dir.resolve("unfinished.c1z");
    RawC1z.pack(db, unfinished);
    C1zFormatException e = reject(unfinished);
    assertEquals(Reason.NO_FINISHED_SYNC, e.reason());
    assertEquals(
        unfinished + ": no finished sync (the sync that wrote it did not complete)",
        e.getMessage());
  }

  @Test
  void unknown_sync_id() throws Exception {
    Path file = validFile();
    C1zFormatException e =
        assertThrows(
            C1zFormatException.class,
            () -> C1zReader.open(file, "2g5Ey429hnu18tRB8Qbc3rTUCcq", work));
    assertEquals(Reason.UNKNOWN_SYNC, e.reason());
    assertEquals(file + ": no sync run 2g5Ey429hnu18tRB8Qbc3rTUCcq", e.getMessage());
  }

  @Test
  void trailing_garbage_after_the_frame() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Files.readAllBytes(validFile()));
    out.write("junk".getBytes(StandardCharsets.US_ASCII));
    Path junk = Files.write(dir.resolve("junk.c1z"), out.toByteArray());
    assertEquals(Reason.CORRUPT, reject(junk).reason());
  }

  private Path validFile() throws Exception {
    Path file = dir.resolve("valid.c1z");
    if (!Files.exists(file)) {
      try (C1zWriter writer = C1zWriter.create(file, dir, Fixtures.fixedClock())) {
        writer.putResourceType(Fixtures.userType());
        for (int i = 0; i < 200; i++) {
          writer.putResource(Fixtures.user("u-" + i, "u" + i + "@example.com"));
        }
        writer.finish();
      }
    }
    return file;
  }

  private C1zFormatException reject(Path file) {
    C1zFormatException e =
        assertThrows(C1zFormatException.class, () -> C1zReader.open(file, null, work));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertEquals(file, e.file());
    return e;
  }
}
