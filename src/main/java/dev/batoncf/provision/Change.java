package dev.batoncf.provision;

import java.util.List;

/**
 * The result of one provisioning operation, printed by the CLI and mapped by the gRPC server.
 *
 * @param operation "grant", "revoke", "create-account", "delete-resource"
 * @param target what was acted on, e.g. "role:…:member to user:…"
 * @param before state before (role names, group rules…), empty when not applicable
 * @param after state after (or planned, in a dry run)
 * @param resource the resource the operation produced or touched, "type:id", or null
 * @param request the write that was (or, in a dry run, would be) sent, e.g. "PUT /accounts/…
 *     {json}", or null when nothing is sent
 */
public record Change(
    String operation,
    String target,
    Outcome outcome,
    String message,
    List<String> before,
    List<String> after,
    String resource,
    String request,
    boolean dryRun) {

  public Change {
    before = before == null ? List.of() : List.copyOf(before);
    after = after == null ? List.of() : List.copyOf(after);
  }
}
