package dev.batoncf.simulator;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access applications (JSON objects with their policies embedded, deep-copied in and out) and the
 * off-boarding calls the account received, so tests can see exactly what was revoked. Thread-safe.
 */
public final class SimApps {
  private final GroupTable apps = new GroupTable();
  private final List<String> revokedUsers = new ArrayList<>();
  private final Map<String, Integer> tokenRevocations = new LinkedHashMap<>();

  /** Every app in creation order. */
  public List<JsonObject> all() {
    return apps.all();
  }

  public Optional<JsonObject> get(String appId) {
    return apps.get(appId);
  }

  /** Insert or replace an app; it must carry a string {@code id}. */
  public SimApps put(JsonObject app) {
    apps.put(app);
    return this;
  }

  synchronized void revokedUser(String email) {
    revokedUsers.add(email);
  }

  /** Emails passed to {@code revoke_user}, in order. */
  public synchronized List<String> revokedUsers() {
    return List.copyOf(revokedUsers);
  }

  synchronized void revokedTokens(String appId) {
    tokenRevocations.merge(appId, 1, Integer::sum);
  }

  /** How many times each app's tokens were revoked. */
  public synchronized Map<String, Integer> tokenRevocations() {
    return Map.copyOf(tokenRevocations);
  }
}
