package dev.batoncf.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The right to write one output file, held until closed: an OS lock (fcntl) on one byte of the
 * directory's hidden {@value #LOCK_FILE}, at an offset derived from the file's name, so runs
 * writing different files of one directory do not wait for each other. That one lock file per
 * directory stays: deleting a lock file cannot be made race-free from Java. A run killed with -9
 * holds nothing (the kernel drops its locks), so the next run simply takes it.
 */
public final class OutputLock implements AutoCloseable {
  /** The one lock file of a directory. */
  public static final String LOCK_FILE = ".baton-cloudflare.lock";

  private final SharedChannel shared;
  private final FileLock lock;
  private boolean closed;

  private OutputLock(SharedChannel shared, FileLock lock) {
    this.shared = shared;
    this.lock = lock;
  }

  /**
   * @param shown the output file as the user named it, for messages
   * @throws OutputFileException at once when another run (or this process) holds it
   */
  static OutputLock acquire(Path shown, Path dir, String name) throws IOException {
    Path lockFile = dir.resolve(LOCK_FILE);
    SharedChannel shared;
    try {
      shared = SharedChannel.open(dir.toRealPath().resolve(LOCK_FILE), lockFile);
    } catch (IOException e) {
      throw new OutputFileException(
          shown, "cannot open the lock file " + lockFile + " (" + OutputFile.reason(e) + ")", e);
    }
    FileLock lock = null;
    try {
      lock = shared.channel.tryLock(offset(name), 1, false);
    } catch (OverlappingFileLockException thisProcess) {
      lock = null;
    } finally {
      if (lock == null) {
        shared.release();
      }
    }
    if (lock == null) {
      throw new OutputFileException(
          shown,
          "another run is writing it (it holds the lock in "
              + lockFile
              + "); wait for it to finish");
    }
    return new OutputLock(shared, lock);
  }

  /** A byte offset for the name, below 2^62 so that offset + 1 never overflows. */
  static long offset(String name) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h).getLong() & 0x3FFF_FFFF_FFFF_FFFFL;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    shared.release();
  }

  /**
   * One channel per lock file in this process. OS file locks belong to the process, and closing any
   * channel on a file drops every lock the process holds on it (POSIX fcntl semantics), so all
   * locks on one lock file go through one channel, closed only when the last is released.
   * Process-wide, like the locks themselves.
   */
  private static final class SharedChannel {
    private static final Map<Path, SharedChannel> OPEN = new HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private int users;

    private SharedChannel(Path key, FileChannel channel) {
      this.key = key;
      this.channel = channel;
    }

    static SharedChannel open(Path key, Path file) throws IOException {
      synchronized (OPEN) {
        SharedChannel s = OPEN.get(key);
        if (s == null) {
          s =
              new SharedChannel(
                  key,
                  FileChannel.open(
                      file,
                      Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                      OutputFile.ownerOnly(file)));
          OPEN.put(key, s);
        }
        s.users++;
        return s;
      }
    }

    void release() {
      synchronized (OPEN) {
        if (--users == 0) {
          OPEN.remove(key);
          try {
            channel.close();
          } catch (IOException e) {
            // nothing more to release
          }
        }
      }
    }
  }
}
