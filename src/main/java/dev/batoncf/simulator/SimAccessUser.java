package dev.batoncf.simulator;

import java.util.Objects;

/**
 * A Zero Trust Access user (cloudflare-api.md §8). No field is required by the schema, so the seat
 * flags and counts are boxed: null means "absent from the JSON", which a client must survive.
 */
public record SimAccessUser(
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
    String updatedAt) {

  public SimAccessUser {
    Objects.requireNonNull(id, "id");
  }
}
