package dev.batoncf.action;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.batoncf.pb.config.v1.Constraint;
import dev.batoncf.pb.config.v1.Field;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one invocation, checked against the action's schema when built: no unknown
 * names, every required argument present, and the schema's constraints (Baton checks the same
 * before running a handler). The typed getters then check each value's type. Every problem is an
 * {@link ActionArgumentException} naming the argument.
 *
 * <p>"Absent" means missing, JSON null or an empty string: hosts send empty strings for unset
 * fields.
 */
public final class ActionArgs {
  private final JsonObject values;

  private ActionArgs(JsonObject values) {
    this.values = values;
  }

  /** Validates names, presence and constraints of {@code raw} against {@code schema}. */
  public static ActionArgs of(BatonActionSchema schema, JsonObject raw) {
    JsonObject values = new JsonObject();
    Map<String, Field> declared = new LinkedHashMap<>();
    schema.getArgumentsList().forEach(f -> declared.put(f.getName(), f));
    if (raw != null) {
      for (Map.Entry<String, JsonElement> e : raw.entrySet()) {
        if (!declared.containsKey(e.getKey())) {
          throw new ActionArgumentException(
              printable(e.getKey()),
              "unknown; "
                  + schema.getName()
                  + (declared.isEmpty()
                      ? " takes no arguments"
                      : " takes " + String.join(", ", declared.keySet())));
        }
        if (present(e.getValue())) {
          values.add(e.getKey(), e.getValue());
        }
      }
    }
    for (Field f : declared.values()) {
      if (f.getIsRequired() && !values.has(f.getName())) {
        throw new ActionArgumentException(f.getName(), "is required");
      }
    }
    ActionArgs args = new ActionArgs(values);
    schema.getConstraintsList().forEach(args::check);
    return args;
  }

  public boolean has(String name) {
    return values.has(name);
  }

  /** A required text argument (presence was checked against the schema). */
  public String string(String name) {
    return optionalString(name).orElseThrow(() -> new ActionArgumentException(name, "is required"));
  }

  public Optional<String> optionalString(String name) {
    JsonElement v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JsonPrimitive p) || !p.isString()) {
      throw new ActionArgumentException(name, "must be a string");
    }
    return Optional.of(p.getAsString());
  }

  public Optional<Boolean> optionalBool(String name) {
    JsonElement v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JsonPrimitive p) || !p.isBoolean()) {
      throw new ActionArgumentException(name, "must be true or false");
    }
    return Optional.of(p.getAsBoolean());
  }

  /**
   * A key → value argument, empty when absent. Accepts an object of scalars ({@code {"page":"2"}})
   * or a key-value list ({@code [{"key":"page","value":"2"}]}, the shape form builders produce).
   * Numbers and booleans become their text.
   */
  public Map<String, String> stringMap(String name) {
    JsonElement v = values.get(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (v.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
        out.put(e.getKey(), scalar(name, e.getKey(), e.getValue()));
      }
    } else if (v.isJsonArray()) {
      for (JsonElement item : v.getAsJsonArray()) {
        if (!item.isJsonObject()) {
          throw new ActionArgumentException(name, "list items must be {\"key\":…,\"value\":…}");
        }
        JsonObject pair = item.getAsJsonObject();
        JsonElement key = pair.has("key") ? pair.get("key") : pair.get("name");
        if (!(key instanceof JsonPrimitive k) || !k.isString() || k.getAsString().isEmpty()) {
          throw new ActionArgumentException(name, "every item needs a non-empty \"key\"");
        }
        out.put(k.getAsString(), scalar(name, k.getAsString(), pair.get("value")));
      }
    } else {
      throw new ActionArgumentException(name, "must be an object of names to values");
    }
    return out;
  }

  /**
   * A JSON document, as compact text: either a string holding JSON or a JSON object or array given
   * inline. Strictly parsed, so what is sent is exactly one well-formed document.
   */
  public Optional<String> json(String name) {
    JsonElement v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v.isJsonObject() || v.isJsonArray()) {
      return Optional.of(v.toString());
    }
    if (v instanceof JsonPrimitive p && p.isString()) {
      return Optional.of(parseStrict(name, p.getAsString()).toString());
    }
    throw new ActionArgumentException(
        name, "must be a JSON object or array, or a string holding one");
  }

  // ---- constraints (c1.config.v1.ConstraintKind)

  private void check(Constraint c) {
    List<String> given = new ArrayList<>();
    c.getFieldNamesList().stream().filter(values::has).forEach(given::add);
    List<String> names = c.getFieldNamesList();
    switch (c.getKind()) {
      case CONSTRAINT_KIND_AT_LEAST_ONE -> {
        if (given.isEmpty()) {
          throw new ActionArgumentException(names.get(0), "give " + String.join(" or ", names));
        }
      }
      case CONSTRAINT_KIND_MUTUALLY_EXCLUSIVE -> {
        if (given.size() > 1) {
          throw new ActionArgumentException(
              given.get(1), "give only one of " + String.join(", ", names));
        }
      }
      case CONSTRAINT_KIND_REQUIRED_TOGETHER -> {
        if (!given.isEmpty() && given.size() < names.size()) {
          String missing = names.stream().filter(n -> !values.has(n)).findFirst().orElseThrow();
          throw new ActionArgumentException(
              missing, "is required together with " + String.join(", ", given));
        }
      }
      case CONSTRAINT_KIND_DEPENDENT_ON -> {
        if (!given.isEmpty()) {
          for (String needed : c.getSecondaryFieldNamesList()) {
            if (!values.has(needed)) {
              throw new ActionArgumentException(
                  needed, "is required when " + given.get(0) + " is given");
            }
          }
        }
      }
      default -> {
        // UNSPECIFIED: nothing this connector declares
      }
    }
  }

  // ---- helpers

  private static boolean present(JsonElement v) {
    if (v == null || v.isJsonNull()) {
      return false;
    }
    return !(v instanceof JsonPrimitive p && p.isString() && p.getAsString().isEmpty());
  }

  private static String scalar(String arg, String key, JsonElement v) {
    if (v instanceof JsonPrimitive p) {
      return p.getAsString();
    }
    throw new ActionArgumentException(
        arg, "the value of '" + printable(key) + "' must be a string, number or boolean");
  }

  private static JsonElement parseStrict(String name, String text) {
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      JsonElement parsed = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) { // strict mode mostly throws first
        throw new ActionArgumentException(name, "is not valid JSON");
      }
      if (!parsed.isJsonObject() && !parsed.isJsonArray()) {
        throw new ActionArgumentException(name, "must hold a JSON object or array");
      }
      return parsed;
    } catch (JsonParseException | IOException e) {
      throw new ActionArgumentException(name, "is not valid JSON");
    }
  }

  /** For messages that quote caller input: control characters shown as '?'. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 80));
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return s.length() > 80 ? b + "…" : b.toString();
  }
}
