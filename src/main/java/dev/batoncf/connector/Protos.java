package dev.batoncf.connector;

import com.google.protobuf.Any;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;

/** Small helpers for building the protobuf messages the mappers emit. */
public final class Protos {
  private Protos() {}

  public static Any pack(Message m) {
    return Any.pack(m);
  }

  /**
   * Parses Cloudflare's RFC 3339 timestamps leniently (whole or fractional seconds, Z or offset).
   * Returns empty for null or unparseable text: a bad timestamp must not fail a sync.
   */
  public static Optional<Timestamp> timestamp(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Instant i = OffsetDateTime.parse(text.trim()).toInstant();
      return Optional.of(
          Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A Struct builder that skips null values, so profiles only carry what Cloudflare sent. */
  public static final class StructBuilder {
    private final Struct.Builder b = Struct.newBuilder();

    public StructBuilder put(String key, String value) {
      if (value != null) {
        b.putFields(key, Value.newBuilder().setStringValue(value).build());
      }
      return this;
    }

    public StructBuilder put(String key, Boolean value) {
      if (value != null) {
        b.putFields(key, Value.newBuilder().setBoolValue(value).build());
      }
      return this;
    }

    public StructBuilder put(String key, Number value) {
      if (value != null) {
        b.putFields(key, Value.newBuilder().setNumberValue(value.doubleValue()).build());
      }
      return this;
    }

    public StructBuilder put(String key, Collection<String> values) {
      if (values != null) {
        ListValue.Builder l = ListValue.newBuilder();
        values.forEach(v -> l.addValues(Value.newBuilder().setStringValue(v)));
        b.putFields(key, Value.newBuilder().setListValue(l).build());
      }
      return this;
    }

    public Struct build() {
      return b.build();
    }
  }

  public static StructBuilder struct() {
    return new StructBuilder();
  }

  /** Reads a string field of a profile, or null. */
  public static String profileString(Struct profile, String key) {
    if (profile == null) {
      return null;
    }
    Value v = profile.getFieldsMap().get(key);
    return v != null && v.hasStringValue() && !v.getStringValue().isBlank()
        ? v.getStringValue()
        : null;
  }

  /** "accepted" becomes "Accepted", as the Go connector shows it. */
  public static String titleCase(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    return Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
  }
}
