package dev.batoncf.connector;

import dev.batoncf.cloudflare.model.AuditRecord;
import java.util.List;
import java.util.Objects;

/**
 * What an incremental sync does about each audit-log record: the one table from Cloudflare's {@code
 * resource.product} / {@code resource.type} to a re-fetch action. A new resource type is one line
 * here. A record no line matches is not understood, and the sync falls back to a full one: a record
 * the connector cannot interpret must never be silently dropped.
 *
 * <p>Records that cannot change what the connector writes are ignored before the table: views,
 * failed actions and zone-level changes (no zone object is synced).
 */
public final class AuditEvents {

  /** What a record makes the incremental sync do. */
  public enum Action {
    /** Re-fetch the member named by {@code resource.id}. */
    MEMBER,
    /** Re-read the account API token list. */
    TOKENS,
    /** Nothing more: every incremental sync reads these lists anyway. */
    ALWAYS_READ,
    /** Nothing: the connector does not sync this object. */
    NOT_SYNCED,
    /** A synced type that cannot be re-fetched on its own yet: full sync. */
    CANNOT_REFETCH
  }

  /**
   * One line of the table.
   *
   * @param product {@code resource.product}
   * @param type {@code resource.type}, or null for any type of the product
   * @param what the object's name in messages
   */
  public record Line(String product, String type, Action action, String what) {
    public Line {
      Objects.requireNonNull(product, "product");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(what, "what");
    }

    boolean matches(String p, String t) {
      return product.equals(p) && (type == null || type.equals(t));
    }
  }

  /**
   * What one record means. {@code line} is null when the record is ignored or not understood;
   * {@code understood} tells those apart.
   */
  public record Decision(Line line, boolean understood) {
    static final Decision IGNORED = new Decision(null, true);
    static final Decision UNKNOWN = new Decision(null, false);
  }

  public static final String PRODUCT_MEMBERS = "members";
  public static final String PRODUCT_TOKENS = "api_tokens";
  public static final String PRODUCT_ROLES = "roles";
  public static final String PRODUCT_ACCESS = "access";
  public static final String PRODUCT_GATEWAY = "gateway";
  public static final String PRODUCT_RISK = "zt_risk_scoring";
  public static final String PRODUCT_IAM = "iam";
  static final String SCOPE_ZONES = "zones";

  /**
   * Only "members" is a documented product value (cloudflare-api.md §17); the others follow the
   * API's path names. A wrong guess costs a full sync (not understood), never a wrong file.
   */
  private static final List<Line> STANDARD =
      List.of(
          new Line(PRODUCT_MEMBERS, null, Action.MEMBER, "account member"),
          new Line(PRODUCT_TOKENS, null, Action.TOKENS, "API token"),
          new Line(PRODUCT_ROLES, null, Action.ALWAYS_READ, "account role"),
          new Line(PRODUCT_ACCESS, "group", Action.ALWAYS_READ, "Access group"),
          new Line(PRODUCT_ACCESS, "user", Action.ALWAYS_READ, "Access user"),
          new Line(PRODUCT_ACCESS, "app", Action.ALWAYS_READ, "Access application"),
          new Line(PRODUCT_ACCESS, "policy", Action.ALWAYS_READ, "Access policy"),
          new Line(PRODUCT_GATEWAY, "list", Action.ALWAYS_READ, "Zero Trust list"),
          new Line(PRODUCT_RISK, "user_risk", Action.ALWAYS_READ, "user risk score"),
          new Line(PRODUCT_RISK, "integration", Action.NOT_SYNCED, "risk scoring integration"),
          new Line(PRODUCT_IAM, "user_group", Action.CANNOT_REFETCH, "user group"),
          new Line(PRODUCT_IAM, "resource_group", Action.CANNOT_REFETCH, "resource group"));

  private final List<Line> lines;

  public AuditEvents(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /** The table this connector version ships. */
  public static AuditEvents standard() {
    return new AuditEvents(STANDARD);
  }

  public List<Line> lines() {
    return lines;
  }

  /** Pure: what {@code r} asks of an incremental sync. */
  public Decision decide(AuditRecord r) {
    AuditRecord.Action action = r.action();
    if (action != null && AuditRecord.TYPE_VIEW.equals(action.type())) {
      return Decision.IGNORED;
    }
    if (action != null
        && action.result() != null
        && !AuditRecord.RESULT_SUCCESS.equals(action.result())) {
      return Decision.IGNORED; // a failed write changed nothing
    }
    AuditRecord.Target target = r.resource();
    boolean zoneLevel =
        r.zone() != null && r.zone().id() != null && !r.zone().id().isEmpty()
            || target != null && SCOPE_ZONES.equals(target.scopeName());
    if (zoneLevel) {
      return Decision.IGNORED;
    }
    if (target == null || target.product() == null) {
      return Decision.UNKNOWN;
    }
    for (Line l : lines) {
      if (l.matches(target.product(), target.type())) {
        return new Decision(l, true);
      }
    }
    return Decision.UNKNOWN;
  }

  /** "product/type" of a record, for the one-line fallback message. */
  public static String describe(AuditRecord r) {
    AuditRecord.Target t = r.resource();
    String action = r.action() == null ? null : r.action().type();
    return (t == null ? "?" : t.product() + "/" + t.type()) + (action == null ? "" : " " + action);
  }
}
