package dev.batoncf.cloudflare.model;

/** A Zero Trust Access user (cloudflare-api.md §8). No field is guaranteed, so all are nullable. */
public record AccessUser(
    String id,
    String uid,
    String email,
    String name,
    Boolean accessSeat,
    Boolean gatewaySeat,
    String seatUid,
    Integer activeDeviceCount,
    String lastSuccessfulLogin,
    String createdAt,
    String updatedAt) {}
