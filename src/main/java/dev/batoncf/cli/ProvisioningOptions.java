package dev.batoncf.cli;

import picocli.CommandLine.Option;

/** The one-shot operation flags (Baton's names); at most one operation per run. */
public final class ProvisioningOptions {
  @Option(
      names = "--grant-entitlement",
      paramLabel = "ENTITLEMENT",
      description = "Grant this entitlement, e.g. role:<id>:member")
  String grantEntitlement;

  @Option(
      names = "--grant-principal-type",
      paramLabel = "TYPE",
      description = "Type of the principal to grant to (user)")
  String grantPrincipalType;

  @Option(
      names = "--grant-principal",
      paramLabel = "ID",
      description = "Id of the principal to grant to")
  String grantPrincipal;

  @Option(
      names = "--revoke-grant",
      paramLabel = "GRANT",
      description = "Revoke this grant id, e.g. role:<id>:member:user:<id>")
  String revokeGrant;

  @Option(
      names = "--create-account-email",
      paramLabel = "EMAIL",
      description = "Invite this email to the account")
  String createAccountEmail;

  @Option(
      names = "--create-account-profile",
      paramLabel = "JSON",
      description = "Invitation profile, e.g. {\"roles\":[\"<role id>\"]}")
  String createAccountProfile;

  @Option(
      names = "--delete-resource",
      paramLabel = "ID",
      description = "Delete this resource (user or invitation)")
  String deleteResource;

  @Option(
      names = "--delete-resource-type",
      paramLabel = "TYPE",
      description = "Type of --delete-resource: user or invitation")
  String deleteResourceType;

  @Option(
      names = "--dry-run",
      description =
          "Read the current state and print the write that would be sent, without sending it")
  boolean dryRun;

  @Option(
      names = {"-o", "--output-format"},
      paramLabel = "FORMAT",
      description = "console or json, for operation results")
  String outputFormat;

  /** How many operations were asked for (more than one is a usage error). */
  int count() {
    int n = 0;
    n += grantEntitlement != null || grantPrincipal != null || grantPrincipalType != null ? 1 : 0;
    n += revokeGrant != null ? 1 : 0;
    n += createAccountEmail != null || createAccountProfile != null ? 1 : 0;
    n += deleteResource != null || deleteResourceType != null ? 1 : 0;
    return n;
  }

  boolean any() {
    return count() > 0;
  }

  boolean json() {
    return "json".equalsIgnoreCase(outputFormat);
  }
}
