package dev.batoncf.server;

import java.util.function.Supplier;

/**
 * Serializes work on the same key (a member, an Access group, an email) inside this process.
 * Cloudflare changes are read-modify-write (GET the member or group, PUT the whole role set or rule
 * list): two hosts granting different roles to one member at once would otherwise each PUT what
 * they read, and one grant would be lost. Keys share a fixed set of locks, so memory stays bounded;
 * unrelated keys only rarely wait on each other.
 */
final class StripedLocks {
  private static final int STRIPES = 64;

  private final Object[] locks = new Object[STRIPES];

  StripedLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  <T> T with(String key, Supplier<T> work) {
    synchronized (locks[Math.floorMod(key.hashCode(), STRIPES)]) {
      return work.get();
    }
  }
}
