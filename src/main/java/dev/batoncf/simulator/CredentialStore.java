package dev.batoncf.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The credentials an account accepts and the permission areas it is denied. Secrets are compared in
 * constant time and never leave this class.
 */
final class CredentialStore {
  private final Map<String, SimAccount.ApiToken> tokensBySecret = new LinkedHashMap<>();
  private final Map<String, String> keysByEmail = new HashMap<>();
  private final Set<Area> denied = EnumSet.noneOf(Area.class);
  private final Set<String> deniedRoutes = new java.util.HashSet<>();

  synchronized void acceptToken(String secret, SimAccount.ApiToken token) {
    tokensBySecret.put(secret, token);
  }

  synchronized void acceptKey(String email, String key) {
    keysByEmail.put(email.toLowerCase(Locale.ROOT), key);
  }

  /** The token registered for a presented secret, or null. Scans all to keep timing flat. */
  synchronized SimAccount.ApiToken token(String presented) {
    SimAccount.ApiToken found = null;
    for (Map.Entry<String, SimAccount.ApiToken> e : tokensBySecret.entrySet()) {
      if (constantTimeEquals(e.getKey(), presented)) {
        found = e.getValue();
      }
    }
    return found;
  }

  synchronized boolean keyMatches(String email, String key) {
    String expected = email == null ? null : keysByEmail.get(email.toLowerCase(Locale.ROOT));
    return expected != null && constantTimeEquals(expected, key);
  }

  synchronized void deny(Area area) {
    denied.add(area);
  }

  synchronized void allow(Area area) {
    denied.remove(area);
  }

  synchronized boolean isDenied(Area area) {
    return denied.contains(area);
  }

  synchronized void denyRoute(String method, String template) {
    deniedRoutes.add(method + " " + template);
  }

  synchronized boolean isDenied(String method, String template) {
    return deniedRoutes.contains(method + " " + template);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
