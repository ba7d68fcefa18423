package dev.batoncf.c1z;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The user's output file. It is only ever replaced whole: new content goes to a hidden sibling
 * {@code .<name>.tmp-<random>} that is fsynced and then renamed over it, so a crash leaves either
 * the old file or the new one, never a half-written mix.
 */
final class TargetFile {

    private final Path path;
    private final Path dir;

    private TargetFile(Path path, Path dir) {
        this.path = path;
        this.dir = dir;
    }

    Path path() {
        return path;
    }

    /**
     * Fails now, before any sync work, if the file could not be written later: its directory must
     * exist and accept a new file, and the path must not be a directory.
     */
    static TargetFile checkWritable(Path target) throws IOException {
        Path path = target.toAbsolutePath().normalize();
        Path dir = path.getParent();
        if (dir == null || path.getFileName() == null) {
            throw new IOException("cannot write c1z to " + target + ": not a file path");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write c1z to " + path + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write c1z to " + path + ": it is a directory");
        }
        TargetFile checked = new TargetFile(path, dir);
        // A real probe, because permission bits do not tell the whole story (ACLs, read-only mounts, root).
        Path probe = checked.newSibling("probe");
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            throw new IOException("cannot write c1z to " + path + ": directory " + dir + " is not writable ("
                    + reason(e) + ")", e);
        }
        Files.delete(probe);
        return checked;
    }

    /** The OS reason ("Permission denied", "File name too long") without repeating the long path. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName();
    }

    /** A fresh hidden path next to the target, for the new content. */
    Path newTempSibling() {
        return newSibling("tmp");
    }

    private Path newSibling(String kind) {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return dir.resolve("." + path.getFileName() + "." + kind + "-" + HexFormat.of().formatHex(random));
    }

    /** Renames {@code tmp} over the target atomically where the file system allows it. */
    void replaceWith(Path tmp) throws IOException {
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
    }

    /** Makes the rename itself durable. Not every platform can open a directory; then skip. */
    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data file itself was already forced before the rename.
        }
    }
}
