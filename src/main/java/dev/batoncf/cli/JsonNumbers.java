package dev.batoncf.cli;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Whole numbers as integers in every {@code -o json} output. Protobuf Struct numbers are doubles,
 * which Java's JSON printers write as {@code 3.0} where Go's protojson (so Baton's own tools)
 * writes {@code 3}. This rewrites number tokens only; strings, names and structure are copied.
 */
final class JsonNumbers {
  /** Beyond this Go switches to exponent notation; such numbers are left as they are. */
  private static final BigDecimal GO_PLAIN_LIMIT = new BigDecimal("1e21");

  private JsonNumbers() {}

  /**
   * @param pretty indent two spaces per level, else compact
   */
  static String integral(String json, boolean pretty) {
    StringWriter text = new StringWriter(json.length());
    try (JsonReader in = new JsonReader(new StringReader(json));
        JsonWriter out = new JsonWriter(text)) {
      out.setHtmlSafe(false);
      out.setSerializeNulls(true);
      out.setIndent(pretty ? "  " : "");
      copy(in, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite JSON output", e);
    }
    return text.toString();
  }

  /** "3.0" → "3", "1.5E3" → "1500"; fractions, huge values and non-numbers stay as written. */
  static String integral(String number) {
    BigDecimal d;
    try {
      d = new BigDecimal(number);
    } catch (NumberFormatException e) {
      return number;
    }
    if (d.signum() == 0) {
      return "0";
    }
    if (d.stripTrailingZeros().scale() > 0 || d.abs().compareTo(GO_PLAIN_LIMIT) >= 0) {
      return number;
    }
    return d.toBigIntegerExact().toString();
  }

  private static void copy(JsonReader in, JsonWriter out) throws IOException {
    int depth = 0;
    do {
      JsonToken token = in.peek();
      switch (token) {
        case BEGIN_OBJECT -> {
          in.beginObject();
          out.beginObject();
          depth++;
        }
        case END_OBJECT -> {
          in.endObject();
          out.endObject();
          depth--;
        }
        case BEGIN_ARRAY -> {
          in.beginArray();
          out.beginArray();
          depth++;
        }
        case END_ARRAY -> {
          in.endArray();
          out.endArray();
          depth--;
        }
        case NAME -> out.name(in.nextName());
        case STRING -> out.value(in.nextString());
        case NUMBER -> out.jsonValue(integral(in.nextString()));
        case BOOLEAN -> out.value(in.nextBoolean());
        case NULL -> {
          in.nextNull();
          out.nullValue();
        }
        case END_DOCUMENT -> {
          return;
        }
        default -> throw new IOException("unexpected JSON token " + token);
      }
    } while (depth > 0);
  }
}
