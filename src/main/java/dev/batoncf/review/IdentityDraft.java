package dev.batoncf.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An identity while the review is being assembled: grants and inherited access accumulate. */
final class IdentityDraft {
  final String type;
  final String typeName;
  final String id;
  final String name;
  final String email;
  final String status;
  Boolean twoFactor;
  Instant lastLogin;
  String lastLoginNote;
  String riskLevel;
  Instant createdAt;
  final Map<String, Object> details = new LinkedHashMap<>();
  final List<AccessDraft> access = new ArrayList<>(2);

  // Facts only the flags read.
  boolean tokenActive;
  Instant tokenExpiresOn;
  Instant pendingSince;
  List<String> invitedRoleIds = List.of();

  IdentityDraft(String type, String typeName, String id, String name, String email, String status) {
    this.type = type;
    this.typeName = typeName;
    this.id = id;
    this.name = name;
    this.email = email;
    this.status = status;
  }

  String key() {
    return type + ":" + id;
  }

  /** The entry for {@code e}, created on first use. Few per identity: a list beats a map. */
  AccessDraft access(EntitlementRef e) {
    for (AccessDraft a : access) {
      if (a.entitlement.id().equals(e.id())) {
        return a;
      }
    }
    AccessDraft a = new AccessDraft(e);
    access.add(a);
    return a;
  }

  Identity freeze(List<Flag> flags) {
    List<Access> out = new ArrayList<>(access.size());
    access.stream().sorted(ORDER).forEach(a -> out.add(a.freeze()));
    return new Identity(
        type,
        typeName,
        id,
        name,
        email,
        status,
        twoFactor,
        lastLogin,
        lastLoginNote,
        riskLevel,
        createdAt,
        details,
        out,
        flags);
  }

  private static final Comparator<AccessDraft> ORDER =
      Comparator.comparing((AccessDraft a) -> a.entitlement.resourceType())
          .thenComparing(a -> a.entitlement.resourceName().toLowerCase(Locale.ROOT))
          .thenComparing(a -> a.entitlement.id());

  /** One held entitlement: granted in the file, inherited through groups, or invited. */
  static final class AccessDraft {
    final EntitlementRef entitlement;
    boolean granted;
    String unusualGrantId;
    boolean direct;
    boolean invited;
    private final List<EntitlementRef> via = new ArrayList<>(1);

    AccessDraft(EntitlementRef entitlement) {
      this.entitlement = entitlement;
    }

    /** Adds an inheritance path; false when it was already known. */
    boolean addVia(EntitlementRef source) {
      for (EntitlementRef v : via) {
        if (v.id().equals(source.id())) {
          return false;
        }
      }
      via.add(source);
      return true;
    }

    Access freeze() {
      List<EntitlementRef> sorted = new ArrayList<>(via);
      sorted.sort(Comparator.comparing(EntitlementRef::id));
      return new Access(entitlement, granted, unusualGrantId, direct, sorted, invited && !direct);
    }
  }
}
