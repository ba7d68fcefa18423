package dev.batoncf.cloudflare;

/** One entry of Cloudflare's {@code errors[]}: a numeric code (≥1000) and a message. */
public record ApiError(int code, String message) {
  @Override
  public String toString() {
    return code + " " + message;
  }
}
