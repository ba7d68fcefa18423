package dev.batoncf.connector;

import dev.batoncf.connector.rules.AccessPrincipal;
import dev.batoncf.connector.rules.GroupRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  private final Map<String, GroupRules> groups = new LinkedHashMap<>();
  private boolean riskKnown;
  private boolean usersRead;

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

  /** The Access users list was read to its end (not skipped for a missing permission). */
  void usersRead() {
    usersRead = true;
  }

  /**
   * Whether membership can be evaluated: without the Access users, every group and app would look
   * empty, so callers mark membership "not evaluated" instead of emitting none.
   */
  public boolean membershipEvaluated() {
    return usersRead;
  }

  /** The risk summary was incomplete: risk is unknown again, whatever was read. */
  void riskIncomplete() {
    riskKnown = false;
  }

  void putGroup(GroupRules rules) {
    groups.put(rules.id(), rules);
  }

  /** Rules of every Access group read so far, for app policies that name groups. */
  public Map<String, GroupRules> groups() {
    return groups;
  }
}
