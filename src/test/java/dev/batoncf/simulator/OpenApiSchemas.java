package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cloudflare's OpenAPI subset (src/test/resources/cloudflare/openapi-subset.json) and a validator
 * for the part of JSON Schema it uses: {@code type}, {@code properties}, {@code required}, {@code
 * items}, {@code additionalProperties}, {@code enum}, {@code allOf}, {@code oneOf} and {@code
 * anyOf} (both read as "at least one", since Cloudflare's alternatives overlap), internal {@code
 * $ref} and OpenAPI 3.0's {@code nullable}. Limits (lengths, minimum) and formats are not checked.
 * Written from the schema text alone, so it shares no assumption with the simulator.
 */
final class OpenApiSchemas {
  private static final int MAX_DEPTH = 64;

  private final JsonObject root;

  private OpenApiSchemas(JsonObject root) {
    this.root = root;
  }

  static OpenApiSchemas load() {
    try (InputStream in =
        OpenApiSchemas.class.getResourceAsStream("/cloudflare/openapi-subset.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi-subset.json is not on the test classpath");
      }
      return new OpenApiSchemas(
          JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .getAsJsonObject());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the schema declares this operation at all. */
  boolean hasOperation(String method, String template) {
    JsonObject paths = root.getAsJsonObject("paths");
    return paths.has(template)
        && paths.getAsJsonObject(template).has(method.toLowerCase(Locale.ROOT));
  }

  /**
   * The JSON schema of this operation's answer with this status: the exact code, else the {@code
   * 4XX} range; empty when the operation declares neither (5xx, for instance).
   */
  Optional<JsonObject> responseSchema(String method, String template, int status) {
    JsonObject responses =
        root.getAsJsonObject("paths")
            .getAsJsonObject(template)
            .getAsJsonObject(method.toLowerCase(Locale.ROOT))
            .getAsJsonObject("responses");
    String range = (status / 100) + "XX";
    for (Map.Entry<String, JsonElement> e : responses.entrySet()) {
      if (e.getKey().equals(Integer.toString(status))) {
        return schemaOf(e.getValue().getAsJsonObject());
      }
    }
    for (Map.Entry<String, JsonElement> e : responses.entrySet()) {
      if (e.getKey().equalsIgnoreCase(range)) {
        return schemaOf(e.getValue().getAsJsonObject());
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonObject> schemaOf(JsonObject response) {
    JsonObject content = response.getAsJsonObject("content");
    if (content == null || !content.has("application/json")) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        content.getAsJsonObject("application/json").getAsJsonObject("schema"));
  }

  /** One way a value breaks its schema: where ("$.result[0].status"), what, and the value. */
  record Problem(String path, String what, JsonElement value) {
    @Override
    public String toString() {
      return path + ": " + what;
    }
  }

  /** Every way {@code value} breaks {@code schema}. */
  List<Problem> validate(JsonObject schema, JsonElement value) {
    List<Problem> errors = new ArrayList<>();
    check(schema, value, "$", errors, 0);
    return errors;
  }

  /**
   * For a failure answer: Cloudflare declares some 4XX schemas as {@code allOf[success envelope,
   * failure envelope]}, which no body satisfies (success must be both true and false); only the
   * failure parts of such a schema are meant.
   */
  JsonObject failurePart(JsonObject schema) {
    if (!schema.has("allOf")) {
      return schema;
    }
    JsonArray failures = new JsonArray();
    for (JsonElement part : schema.getAsJsonArray("allOf")) {
      JsonElement ref = part.getAsJsonObject().get("$ref");
      String name = ref == null ? "" : ref.getAsString().toLowerCase(Locale.ROOT);
      if (name.contains("failure") || name.contains("error")) {
        failures.add(part);
      }
    }
    if (failures.isEmpty()) {
      return schema;
    }
    JsonObject only = new JsonObject();
    only.add("allOf", failures);
    return only;
  }

  private void check(JsonObject schema, JsonElement v, String at, List<Problem> errors, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (schema.has("$ref")) {
      check(resolve(schema.get("$ref").getAsString()), v, at, errors, depth + 1);
      return;
    }
    if (v.isJsonNull() && (isTrue(schema, "nullable") || enumAllowsNull(schema))) {
      return;
    }
    if (schema.has("allOf")) {
      for (JsonElement part : schema.getAsJsonArray("allOf")) {
        check(part.getAsJsonObject(), v, at, errors, depth + 1);
      }
    }
    for (String alternatives : List.of("oneOf", "anyOf")) {
      if (schema.has(alternatives)) {
        checkAlternatives(schema.getAsJsonArray(alternatives), v, at, errors, depth);
      }
    }
    String type = schema.has("type") ? schema.get("type").getAsString() : null;
    if (type != null && !hasType(v, type)) {
      errors.add(new Problem(at, kind(v) + " where the schema wants " + type, v));
      return;
    }
    if (schema.has("enum") && !inEnum(schema.getAsJsonArray("enum"), v)) {
      errors.add(new Problem(at, v + " is not one of " + schema.get("enum"), v));
    }
    if (v.isJsonObject()) {
      checkObject(schema, v.getAsJsonObject(), at, errors, depth);
    } else if (v.isJsonArray() && schema.has("items")) {
      JsonArray a = v.getAsJsonArray();
      for (int i = 0; i < a.size(); i++) {
        check(schema.getAsJsonObject("items"), a.get(i), at + "[" + i + "]", errors, depth + 1);
      }
    }
  }

  private void checkObject(
      JsonObject schema, JsonObject o, String at, List<Problem> errors, int depth) {
    if (schema.has("required")) {
      for (JsonElement name : schema.getAsJsonArray("required")) {
        if (!o.has(name.getAsString())) {
          errors.add(new Problem(at, "required field " + name.getAsString() + " is missing", o));
        }
      }
    }
    JsonObject props = schema.has("properties") ? schema.getAsJsonObject("properties") : null;
    JsonElement extra = schema.get("additionalProperties");
    for (Map.Entry<String, JsonElement> field : o.entrySet()) {
      String where = at + "." + field.getKey();
      if (props != null && props.has(field.getKey())) {
        check(props.getAsJsonObject(field.getKey()), field.getValue(), where, errors, depth + 1);
      } else if (extra != null && extra.isJsonObject()) {
        check(extra.getAsJsonObject(), field.getValue(), where, errors, depth + 1);
      }
    }
  }

  private void checkAlternatives(
      JsonArray alternatives, JsonElement v, String at, List<Problem> errors, int depth) {
    List<Problem> best = null;
    for (JsonElement alt : alternatives) {
      List<Problem> e = new ArrayList<>();
      check(alt.getAsJsonObject(), v, at, e, depth + 1);
      if (e.isEmpty()) {
        return;
      }
      if (best == null || e.size() < best.size()) {
        best = e;
      }
    }
    errors.add(
        new Problem(
            at,
            "matches none of the " + alternatives.size() + " alternatives; closest: " + best,
            v));
  }

  private JsonObject resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("only internal $refs are supported: " + ref);
    }
    JsonElement node = root;
    for (String part : ref.substring(2).split("/")) {
      node = node.getAsJsonObject().get(part.replace("~1", "/").replace("~0", "~"));
      if (node == null) {
        throw new IllegalArgumentException("dangling $ref " + ref);
      }
    }
    return node.getAsJsonObject();
  }

  private static boolean hasType(JsonElement v, String type) {
    return switch (type) {
      case "object" -> v.isJsonObject();
      case "array" -> v.isJsonArray();
      case "string" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
      case "boolean" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean();
      case "number" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
      case "integer" ->
          v.isJsonPrimitive()
              && v.getAsJsonPrimitive().isNumber()
              && v.getAsBigDecimal().stripTrailingZeros().scale() <= 0;
      default -> true;
    };
  }

  private static boolean inEnum(JsonArray values, JsonElement v) {
    for (JsonElement allowed : values) {
      if (allowed.equals(v)) {
        return true;
      }
      // 1 and 1.0 are the same number
      if (allowed instanceof JsonPrimitive a
          && v instanceof JsonPrimitive b
          && a.isNumber()
          && b.isNumber()
          && a.getAsBigDecimal().compareTo(b.getAsBigDecimal()) == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean enumAllowsNull(JsonObject schema) {
    if (!schema.has("enum")) {
      return false;
    }
    for (JsonElement e : schema.getAsJsonArray("enum")) {
      if (e.isJsonNull()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTrue(JsonObject schema, String key) {
    JsonElement e = schema.get(key);
    return e != null
        && e.isJsonPrimitive()
        && e.getAsJsonPrimitive().isBoolean()
        && e.getAsBoolean();
  }

  private static String kind(JsonElement v) {
    if (v.isJsonNull()) {
      return "null";
    }
    if (v.isJsonObject()) {
      return "an object";
    }
    if (v.isJsonArray()) {
      return "an array";
    }
    JsonPrimitive p = v.getAsJsonPrimitive();
    return p.isString() ? "a string" : p.isBoolean() ? "a boolean" : "the number " + p;
  }
}
