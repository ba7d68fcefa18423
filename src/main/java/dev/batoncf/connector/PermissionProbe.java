package dev.batoncf.connector;

import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import java.util.ArrayList;
import java.util.List;

/**
 * The least-privilege check: one small request per list the sync reads (smallest page each), so an
 * operator learns per resource type which token permission is missing before a sync skips or fails.
 * The account check is the connector's own start-up validation.
 */
public final class PermissionProbe {
  /** How a probe ended. */
  public enum Status {
    OK,
    MISSING,
    NOT_AVAILABLE
  }

  /**
   * @param required whether the sync fails without it (else it skips that part and says so)
   * @param detail what Cloudflare answered when not OK
   */
  public record Result(
      String resourceTypes,
      String list,
      String permission,
      boolean required,
      Status status,
      String detail) {}

  private record Probe(
      String resourceTypes, String list, String permission, boolean required, Call call) {}

  @FunctionalInterface
  private interface Call {
    void run();
  }

  private final CloudflareConnector connector;
  private final boolean zeroTrust;

  public PermissionProbe(CloudflareConnector connector, boolean zeroTrust) {
    this.connector = connector;
    this.zeroTrust = zeroTrust;
  }

  /** Runs every probe in sync order; only the account check's failure stops it. */
  public List<Result> run() {
    CloudflareClient c = connector.client();
    connector.validate();
    List<Result> out = new ArrayList<>();
    out.add(
        new Result(
            "account", "account", ResourceTypes.ACCOUNT_SETTINGS_READ, true, Status.OK, null));
    List<Probe> probes =
        new ArrayList<>(
            List.of(
                new Probe(
                    "role",
                    "roles",
                    ResourceTypes.ACCOUNT_SETTINGS_READ,
                    true,
                    () -> c.roles(1, 5)),
                new Probe(
                    "user, invitation",
                    "members",
                    ResourceTypes.ACCOUNT_SETTINGS_READ,
                    true,
                    () -> c.members(1, 5)),
                new Probe(
                    "api_token",
                    "api tokens",
                    ResourceTypes.ACCOUNT_API_TOKENS_READ,
                    false,
                    () -> c.tokens(1, 5)),
                new Probe(
                    "user_group",
                    "iam user groups",
                    ResourceTypes.ACCOUNT_SETTINGS_READ,
                    false,
                    c::probeUserGroups)));
    if (zeroTrust) {
      probes.addAll(
          List.of(
              new Probe(
                  "access_user (risk)",
                  "risk scores",
                  ResourceTypes.ZERO_TRUST_PII_READ,
                  false,
                  () -> c.riskSummary(1)),
              new Probe(
                  "access_user",
                  "access users",
                  ResourceTypes.ACCESS_AUDIT_LOGS_READ,
                  false,
                  () -> c.accessUsers(1, 1)),
              new Probe(
                  "group",
                  "access groups",
                  ResourceTypes.ACCESS_GROUPS_READ,
                  false,
                  () -> c.accessGroups(1, 1)),
              new Probe(
                  "group (email lists)",
                  "zero trust lists",
                  ResourceTypes.ZERO_TRUST_READ,
                  false,
                  c::probeGatewayLists),
              new Probe(
                  "access_app",
                  "access apps",
                  ResourceTypes.ACCESS_APPS_READ,
                  false,
                  () -> c.accessApps(1, 1))));
    }
    for (Probe p : probes) {
      out.add(probe(p));
    }
    return out;
  }

  private static Result probe(Probe p) {
    try {
      p.call().run();
      return new Result(p.resourceTypes(), p.list(), p.permission(), p.required(), Status.OK, null);
    } catch (CloudflareException.PermissionDenied e) {
      return new Result(
          p.resourceTypes(),
          p.list(),
          p.permission(),
          p.required(),
          Status.MISSING,
          e.getMessage());
    } catch (CloudflareException.NotFound e) {
      return new Result(
          p.resourceTypes(),
          p.list(),
          p.permission(),
          p.required(),
          Status.NOT_AVAILABLE,
          e.getMessage());
    }
  }

  /** Whether a sync can run: every required list is readable. */
  public static boolean passes(List<Result> results) {
    return results.stream().noneMatch(r -> r.required() && r.status() != Status.OK);
  }
}
