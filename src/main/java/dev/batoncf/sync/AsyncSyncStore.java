package dev.batoncf.sync;

import dev.batoncf.c1z.SyncTimings;
import dev.batoncf.pb.connector.v2.Entitlement;
import dev.batoncf.pb.connector.v2.Grant;
import dev.batoncf.pb.connector.v2.Resource;
import dev.batoncf.pb.connector.v2.ResourceType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes rows on a dedicated thread so that serialization and SQLite work overlap the waits on
 * Cloudflare and use a second core. The queue is bounded, so memory stays flat: a fast producer
 * simply waits. A failure on the writer thread surfaces on the next call of the sync thread.
 * Closing stops the writer but leaves closing the delegate to its owner.
 */
public final class AsyncSyncStore implements SyncStore {
  static final int CAPACITY = 8192;
  private static final Object FINISH = new Object();
  private static final Object STOP = new Object();

  private final SyncStore delegate;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread writer;
  private boolean finished;

  public AsyncSyncStore(SyncStore delegate) {
    this.delegate = delegate;
    this.writer = new Thread(this::drain, "c1z-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  @Override
  public void putResourceType(ResourceType type) {
    enqueue(type);
  }

  @Override
  public void putResource(Resource resource) {
    enqueue(resource);
  }

  @Override
  public void putEntitlement(Entitlement entitlement) {
    enqueue(entitlement);
  }

  @Override
  public void putGrant(Grant grant) {
    enqueue(grant);
  }

  /** Queued behind the rows, so the delegate sees it after every row and before the finish. */
  @Override
  public void timings(SyncTimings timings) {
    enqueue(timings);
  }

  /** Waits until every queued row is written and the delegate has finished. */
  @Override
  public void finish() {
    enqueue(FINISH);
    join();
    rethrow();
    finished = true;
  }

  @Override
  public void close() {
    if (writer.isAlive()) {
      queue.clear();
      putUninterruptibly(STOP);
      join();
    }
  }

  private void enqueue(Object row) {
    rethrow();
    if (finished) {
      throw new IllegalStateException("the sync store is already finished");
    }
    putUninterruptibly(row);
  }

  private void drain() {
    try {
      while (true) {
        Object row = queue.take();
        if (row == STOP) {
          return;
        }
        if (row == FINISH) {
          delegate.finish();
          return;
        }
        write(row);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
      queue.clear(); // unblock a producer waiting for space; it sees the failure next
    }
  }

  private void write(Object row) {
    if (row instanceof Grant g) {
      delegate.putGrant(g);
    } else if (row instanceof Resource r) {
      delegate.putResource(r);
    } else if (row instanceof Entitlement e) {
      delegate.putEntitlement(e);
    } else if (row instanceof ResourceType t) {
      delegate.putResourceType(t);
    } else if (row instanceof SyncTimings t) {
      delegate.timings(t);
    }
  }

  private void rethrow() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }

  private void putUninterruptibly(Object row) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (!writer.isAlive() && row != STOP) {
            rethrow();
            throw new IllegalStateException("the c1z writer thread stopped");
          }
          if (queue.offer(row, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return;
          }
          if (row == STOP && !writer.isAlive()) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void join() {
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
