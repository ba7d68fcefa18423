package dev.batoncf.c1z;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.batoncf.pb.connector.v2.Grant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed or abandoned sync must never damage the previous file or leave litter behind. */
class CrashSafetyTest {

    private static final byte[] PREVIOUS = "previous sync, must survive\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    @TempDir
    Path work;

    private Path target;

    @BeforeEach
    void previousFile() throws IOException {
        target = dir.resolve("sync.c1z");
        Files.write(target, PREVIOUS);
    }

    @Test
    void close_without_finish_discards_everything() throws Exception {
        try (C1zWriter writer = C1zWriter.create(target, work, Fixtures.fixedClock())) {
            writeSome(writer);
            assertEquals(1, writer.counts().grants());
        }
        assertUntouched();
    }

    @Test
    void exception_mid_sync_leaves_the_target_alone() throws Exception {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> {
            try (C1zWriter writer = C1zWriter.create(target, work, Fixtures.fixedClock())) {
                writeSome(writer);
                writer.putGrant(Grant.newBuilder().setId("").build());
                writer.finish();
            }
        });
        assertEquals("grant has an empty id", thrown.getMessage());
        assertUntouched();
    }

    @Test
    void finish_failing_at_the_rename_leaves_the_target_alone() throws Exception {
        C1zWriter writer = C1zWriter.create(target, work, Fixtures.fixedClock());
        writeSome(writer);
        // Something replaced the target by a non-empty directory: the final rename must fail.
        Files.delete(target);
        Files.createDirectory(target);
        Path inside = Files.write(target.resolve("keep.txt"), PREVIOUS);
        IOException failure = assertThrows(IOException.class, writer::finish);
        assertTrue(failure.getMessage().contains("sync.c1z"), failure.getMessage());
        assertThrows(IllegalStateException.class, () -> writer.putResourceType(Fixtures.userType()));
        writer.close();
        assertArrayEquals(PREVIOUS, Files.readAllBytes(inside));
        assertEquals(List.of("sync.c1z"), names(dir), "the compressed temp file was removed");
        assertEquals(List.of(), names(work), "the working database was removed");
    }

    @Test
    void nonexistent_directory_fails_at_create() throws Exception {
        Path missing = dir.resolve("no-such-dir").resolve("sync.c1z");
        IOException e = assertThrows(IOException.class, () -> C1zWriter.create(missing, work));
        assertEquals("cannot write c1z to " + missing + ": directory " + missing.getParent() + " does not exist",
                e.getMessage());
        assertEquals(List.of(), names(work), "nothing was started");
    }

    @Test
    void target_that_is_a_directory_fails_at_create() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("out.c1z"));
        IOException e = assertThrows(IOException.class, () -> C1zWriter.create(directory, work));
        assertEquals("cannot write c1z to " + directory + ": it is a directory", e.getMessage());
    }

    @Test
    void unwritable_sibling_fails_at_create_and_keeps_the_existing_file() throws Exception {
        // A 250-character name exists, but its temp sibling ".<name>.tmp-<random>" would exceed the
        // 255-byte name limit: the file could never be replaced. This holds even for root.
        Path longName = dir.resolve("s".repeat(246) + ".c1z");
        Files.write(longName, PREVIOUS);
        IOException e = assertThrows(IOException.class, () -> C1zWriter.create(longName, work));
        assertEquals("cannot write c1z to " + longName + ": directory " + dir
                + " is not writable (File name too long)", e.getMessage());
        assertArrayEquals(PREVIOUS, Files.readAllBytes(longName));
        assertEquals(List.of(), names(work));
    }

    @Test
    void read_only_directory_fails_at_create_and_keeps_the_existing_file() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "permission bits do not bind this user (root)");
            IOException e = assertThrows(IOException.class, () -> C1zWriter.create(target, work));
            assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
            assertArrayEquals(PREVIOUS, Files.readAllBytes(target));
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void writeSome(C1zWriter writer) throws IOException {
        writer.putResourceType(Fixtures.userType());
        writer.putResource(Fixtures.user("u-1", "one@example.com"));
        writer.putGrant(Fixtures.grant(Fixtures.member(Fixtures.group("g-1")), Fixtures.user("u-1", "one@example.com")));
    }

    private void assertUntouched() {
        try {
            assertArrayEquals(PREVIOUS, Files.readAllBytes(target), "previous file byte-identical");
            assertEquals(List.of("sync.c1z"), names(dir), "no temp files next to the target");
            assertEquals(List.of(), names(work), "working database deleted");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
