package dev.batoncf.simulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account-owned API token as {@code GET /accounts/{acct}/tokens} shows it (cloudflare-api.md
 * §5). There is deliberately no secret value: the API never returns one outside create/roll.
 * Timestamps are RFC 3339 strings (nullable) so seeds can mix fractional and whole seconds.
 */
public record SimToken(
    String id,
    String name,
    String status,
    String issuedOn,
    String modifiedOn,
    String lastUsedOn,
    String notBefore,
    String expiresOn,
    String creatorEmailAtCreation,
    String provisionerType,
    String provisionerId,
    List<String> requestIpIn,
    List<String> requestIpNotIn,
    List<Policy> policies) {

  public SimToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    requestIpIn = requestIpIn == null ? List.of() : List.copyOf(requestIpIn);
    requestIpNotIn = requestIpNotIn == null ? List.of() : List.copyOf(requestIpNotIn);
    policies = policies == null ? List.of() : List.copyOf(policies);
  }

  /** {@code {id, effect, permission_groups[{id,name,meta}], resources{name: "*"}}}. */
  public record Policy(
      String id,
      String effect,
      List<SimPolicy.PermissionGroup> permissionGroups,
      Map<String, String> resources) {
    public Policy {
      permissionGroups = List.copyOf(permissionGroups);
      resources = Map.copyOf(resources);
    }
  }
}
