package dev.batoncf.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <output-dir>/.daemon.lock}, held while the daemon runs, so two
 * daemons never sync into (or prune, or clean) the same directory. The OS drops it when the process
 * dies, even by {@code kill -9}, so a stale lock file never blocks a restart.
 */
public final class OutputLock implements AutoCloseable {
  static final String FILE = ".daemon.lock";
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws LockedException when another daemon (process or thread) holds it
   */
  public static OutputLock acquire(Path dir) throws IOException {
    FileChannel ch =
        FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      throw new LockedException(
          "another baton-cloudflare daemon is already using " + dir + " (it holds " + FILE + ")");
    }
    return new OutputLock(ch, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** The directory is in use by another daemon. */
  public static final class LockedException extends IOException {
    LockedException(String message) {
      super(message);
    }
  }
}
