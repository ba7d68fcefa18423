package dev.batoncf.cloudflare.model;

import dev.batoncf.cloudflare.ApiError;
import java.util.List;

/** Cloudflare's response envelope (cloudflare-api.md §1). Success is read from {@code success}. */
public record Envelope<T>(
    Boolean success,
    List<ApiError> errors,
    List<ApiError> messages,
    T result,
    ResultInfo resultInfo) {

  public boolean ok() {
    return Boolean.TRUE.equals(success);
  }
}
