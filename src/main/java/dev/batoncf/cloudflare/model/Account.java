package dev.batoncf.cloudflare.model;

/** GET /accounts/{account_id}: the cheapest "can these credentials see this account" probe. */
public record Account(String id, String name, String type, String createdOn, Settings settings) {
  /** Account settings the connector reports. */
  public record Settings(Boolean enforceTwofactor, String abuseContactEmail) {}
}
