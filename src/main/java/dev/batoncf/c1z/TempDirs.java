package dev.batoncf.c1z;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The private working directories of writers and readers: flat, holding only their own files. */
final class TempDirs {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    /** A new directory under {@code parent}, or under the JVM's temp directory when null. */
    static Path create(Path parent, String prefix) throws IOException {
        return parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(parent, prefix);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("c1z: could not delete temp file {}: {}", file, e.getMessage());
        }
    }

    /** Deletes the directory and the files in it (it never has subdirectories). */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(TempDirs::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("c1z: could not list temp directory {}: {}", dir, e.getMessage());
        }
        deleteQuietly(dir);
    }
}
