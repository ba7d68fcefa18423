package dev.batoncf.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One-shot callbacks run after a matching request was handled, before its answer is sent. */
public final class FaultHooks {
  private record Hook(String method, String pathContains, Runnable action) {}

  private final List<Hook> hooks = new ArrayList<>();

  /**
   * Run {@code action} once, right after the next request with this method (null or "*" = any)
   * whose path contains {@code pathContains} has been handled. It runs before the answer is
   * written, so the client sees the pre-hook state and its next request the post-hook one.
   */
  public synchronized FaultHooks afterNext(String method, String pathContains, Runnable action) {
    hooks.add(new Hook(method, pathContains, action));
    return this;
  }

  synchronized List<Runnable> take(String method, String path) {
    List<Runnable> out = new ArrayList<>();
    for (Iterator<Hook> it = hooks.iterator(); it.hasNext(); ) {
      Hook h = it.next();
      boolean methodOk =
          h.method() == null || h.method().equals("*") || h.method().equalsIgnoreCase(method);
      if (methodOk && (h.pathContains() == null || path.contains(h.pathContains()))) {
        out.add(h.action());
        it.remove();
      }
    }
    return out;
  }

  public synchronized int pending() {
    return hooks.size();
  }

  synchronized void clear() {
    hooks.clear();
  }
}
