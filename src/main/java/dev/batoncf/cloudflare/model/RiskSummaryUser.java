package dev.batoncf.cloudflare.model;

/** One entry of the Zero Trust risk summary ({@code result.users[]}). */
public record RiskSummaryUser(
    String userId,
    String email,
    String name,
    String maxRiskLevel,
    Integer eventCount,
    String lastEvent) {}
