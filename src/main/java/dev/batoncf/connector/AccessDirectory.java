package dev.batoncf.connector;

import dev.batoncf.connector.rules.AccessPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one sync learns about Zero Trust before it evaluates groups: every Access user (compact),
 * their risk levels, and the values of the email lists the rules use. One instance per sync.
 */
public final class AccessDirectory {
  private final Map<String, String> riskByUserId = new HashMap<>();
  private final List<AccessPrincipal> principals = new ArrayList<>();
  private final Map<String, Set<String>> listValues = new HashMap<>();
  private boolean riskKnown;

  void riskScoringAvailable() {
    riskKnown = true;
  }

  void putRisk(String userId, String level) {
    if (userId != null && level != null) {
      riskByUserId.put(userId, level);
    }
  }

  public boolean riskKnown() {
    return riskKnown;
  }

  public String risk(String userId) {
    return riskByUserId.get(userId);
  }

  void add(AccessPrincipal p) {
    principals.add(p);
  }

  public List<AccessPrincipal> principals() {
    return principals;
  }

  void putList(String listId, Set<String> lowerCasedValues) {
    listValues.put(listId, lowerCasedValues);
  }

  boolean hasList(String listId) {
    return listValues.containsKey(listId);
  }

  public Map<String, Set<String>> lists() {
    return listValues;
  }
}
