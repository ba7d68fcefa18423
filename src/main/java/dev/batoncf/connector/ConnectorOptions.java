package dev.batoncf.connector;

/**
 * What the connector syncs beyond the account basics.
 *
 * @param zeroTrust sync Access users and Access groups
 */
public record ConnectorOptions(boolean zeroTrust) {
  public static ConnectorOptions defaults() {
    return new ConnectorOptions(true);
  }
}
