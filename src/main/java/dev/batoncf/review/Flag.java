package dev.batoncf.review;

import java.util.Objects;

/**
 * Why a row of the review needs a reviewer's attention.
 *
 * @param code what kind of finding it is
 * @param reason one sentence about this identity, with its dates and numbers
 */
public record Flag(FlagCode code, String reason) {
  public Flag {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }
}
