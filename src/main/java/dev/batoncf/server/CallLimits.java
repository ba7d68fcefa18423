package dev.batoncf.server;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many calls of each {@link CallClass} may run at once; one more is answered RESOURCE_EXHAUSTED
 * at once instead of waiting for a thread. Each class has its own threads, so a full slow class
 * never delays health checks or the quick listings.
 *
 * @param quick health, reflection, metadata, resource types, entitlements, Cleanup
 * @param list ListResources, ListGrants, Validate (may wait on one Cloudflare page)
 * @param provision Grant, Revoke, CreateAccount, DeleteResourceV2, InvokeAction
 * @param sync the streamed full sync
 */
public record CallLimits(int quick, int list, int provision, int sync) {
  public static final CallLimits DEFAULTS = new CallLimits(64, 16, 8, 2);
  public static final int MAX = 1024;

  public CallLimits {
    for (int n : new int[] {quick, list, provision, sync}) {
      if (n < 1 || n > MAX) {
        throw new IllegalArgumentException("call limits must be 1 to " + MAX + ", not " + n);
      }
    }
  }

  /**
   * These limits with some classes changed, e.g. {@code {list=32, sync=1}}.
   *
   * @throws IllegalArgumentException naming the class or value that is wrong
   */
  public CallLimits with(Map<String, Integer> overrides) {
    Map<CallClass, Integer> m = new EnumMap<>(CallClass.class);
    for (CallClass c : CallClass.values()) {
      m.put(c, of(c));
    }
    overrides.forEach(
        (name, n) -> {
          CallClass c =
              Arrays.stream(CallClass.values())
                  .filter(x -> x.flag().equals(name))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "unknown call class '" + name + "' (classes: " + names() + ")"));
          if (n == null || n < 1 || n > MAX) {
            throw new IllegalArgumentException(
                "the limit of " + name + " calls must be 1 to " + MAX);
          }
          m.put(c, n);
        });
    return new CallLimits(
        m.get(CallClass.QUICK),
        m.get(CallClass.LIST),
        m.get(CallClass.PROVISION),
        m.get(CallClass.SYNC));
  }

  int of(CallClass c) {
    return switch (c) {
      case QUICK -> quick;
      case LIST -> list;
      case PROVISION -> provision;
      case SYNC -> sync;
    };
  }

  /** "quick, list, provision, sync". */
  public static String names() {
    return Arrays.stream(CallClass.values()).map(CallClass::flag).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "quick=" + quick + ",list=" + list + ",provision=" + provision + ",sync=" + sync;
  }
}
