package dev.batoncf.connector.rules;

import java.util.Locale;

/**
 * What rule evaluation needs of an Access user, kept small because every Access user is held in
 * memory while groups are evaluated.
 *
 * @param riskLevel low|medium|high, or null when unscored or unknown
 */
public record AccessPrincipal(String id, String email, String riskLevel) {
  public AccessPrincipal {
    email = email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    riskLevel = riskLevel == null ? null : riskLevel.toLowerCase(Locale.ROOT);
  }

  public String domain() {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? null : email.substring(at + 1);
  }
}
