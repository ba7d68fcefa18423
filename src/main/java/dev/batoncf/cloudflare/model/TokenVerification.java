package dev.batoncf.cloudflare.model;

/** Result of /user/tokens/verify or /accounts/{id}/tokens/verify. */
public record TokenVerification(String id, String status, String notBefore, String expiresOn) {
  public static final String ACTIVE = "active";
}
