package dev.batoncf.simulator;

/**
 * A risk-scoring integration (cloudflare-api.md §9); only {@code integration_type "Okta"} exists.
 */
public record SimIntegration(
    String id,
    String accountTag,
    boolean active,
    String createdAt,
    String integrationType,
    String referenceId,
    String tenantUrl,
    String wellKnownUrl) {}
