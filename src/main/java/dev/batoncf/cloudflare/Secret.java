package dev.batoncf.cloudflare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential value. {@link #toString()} never shows it; only the auth interceptor calls {@link
 * #reveal()}.
 */
public final class Secret {
  private static final String REDACTED = "****";
  private static final int MIN_PARTIAL = 4;

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The raw value, for the one place that puts it on the wire. */
  public String reveal() {
    return value;
  }

  /**
   * The text with every occurrence of this value replaced by {@code ****}: for passing on what a
   * server sent without ever echoing the credential back. When the text was {@code cutShort} (a
   * size cap stopped reading mid-way), a tail that is the start of the value (4 characters or more)
   * goes too.
   */
  public String redactIn(String text, boolean cutShort) {
    if (text == null || value.isEmpty()) {
      return text;
    }
    String out = text.replace(value, REDACTED);
    if (cutShort) {
      for (int n = Math.min(value.length() - 1, out.length()); n >= MIN_PARTIAL; n--) {
        if (out.regionMatches(out.length() - n, value, 0, n)) {
          return out.substring(0, out.length() - n) + REDACTED;
        }
      }
    }
    return out;
  }

  /** Constant-time comparison, for bearer-token checks. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return REDACTED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // deliberately constant: a hash would leak information about the value
  }
}
