package dev.batoncf.connector;

/**
 * What the connector syncs beyond the account basics.
 *
 * @param zeroTrust sync Access users and Access groups
 * @param scimGroups which IAM user groups an identity provider owns (see {@link ScimGroups})
 */
public record ConnectorOptions(boolean zeroTrust, ScimGroups scimGroups) {
  public ConnectorOptions {
    scimGroups = scimGroups == null ? ScimGroups.none() : scimGroups;
  }

  public ConnectorOptions(boolean zeroTrust) {
    this(zeroTrust, ScimGroups.none());
  }

  public static ConnectorOptions defaults() {
    return new ConnectorOptions(true);
  }
}
