package dev.batoncf.action;

import dev.batoncf.pb.config.v1.BoolField;
import dev.batoncf.pb.config.v1.Constraint;
import dev.batoncf.pb.config.v1.ConstraintKind;
import dev.batoncf.pb.config.v1.Field;
import dev.batoncf.pb.config.v1.IntField;
import dev.batoncf.pb.config.v1.StringField;
import dev.batoncf.pb.config.v1.StringFieldOption;
import dev.batoncf.pb.config.v1.StringMapField;
import dev.batoncf.pb.config.v1.StringRules;
import dev.batoncf.pb.config.v1.StringSliceField;
import dev.batoncf.pb.config.v1.WellKnownString;
import dev.batoncf.pb.connector.v2.ActionType;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.List;

/**
 * Builders for the {@code c1.config.v1.Field}s that make up action schemas, so each action states
 * its arguments and results in a few readable lines.
 *
 * <p>c1.config.v1 has no "JSON object" field type: objects and lists of objects are declared as
 * string-map fields, and their description says what they hold.
 */
final class Schemas {
  private Schemas() {}

  /** A new schema; every action here is global (no resource type) and "dynamic". */
  static BatonActionSchema.Builder schema(String name, String displayName, String description) {
    return BatonActionSchema.newBuilder()
        .setName(name)
        .setDisplayName(displayName)
        .setDescription(description)
        .addActionType(ActionType.ACTION_TYPE_DYNAMIC);
  }

  static Field string(
      String name, String displayName, String description, boolean required, String placeholder) {
    return string(name, displayName, description, required, placeholder, null);
  }

  /** A text argument whose value must be of a well-known kind (IP, email, hostname, UUID, URI). */
  static Field string(
      String name,
      String displayName,
      String description,
      boolean required,
      String placeholder,
      WellKnownString kind) {
    StringField.Builder f = StringField.newBuilder();
    if (kind != null) {
      f.setRules(StringRules.newBuilder().setWellKnown(kind).setIsRequired(required));
    }
    return base(name, displayName, description, required, placeholder).setStringField(f).build();
  }

  /** A drop-down: the value must be one of {@code options}. */
  static Field choice(
      String name, String displayName, String description, boolean required, List<String> options) {
    StringField.Builder f =
        StringField.newBuilder()
            .setRules(StringRules.newBuilder().addAllIn(options).setIsRequired(required));
    options.forEach(
        o -> f.addOptions(StringFieldOption.newBuilder().setName(o).setValue(o).setDisplayName(o)));
    return base(name, displayName, description, required, options.get(0)).setStringField(f).build();
  }

  static Field bool(String name, String displayName, String description, boolean required) {
    return base(name, displayName, description, required, "")
        .setBoolField(BoolField.getDefaultInstance())
        .build();
  }

  static Field integer(String name, String displayName, String description) {
    return base(name, displayName, description, false, "")
        .setIntField(IntField.getDefaultInstance())
        .build();
  }

  /** An object argument or result (key → value), or a list of objects (see the class note). */
  static Field map(String name, String displayName, String description, boolean required) {
    return base(name, displayName, description, required, "")
        .setStringMapField(StringMapField.getDefaultInstance())
        .build();
  }

  static Field strings(String name, String displayName, String description) {
    return base(name, displayName, description, false, "")
        .setStringSliceField(StringSliceField.getDefaultInstance())
        .build();
  }

  static Constraint constraint(ConstraintKind kind, String... fieldNames) {
    return Constraint.newBuilder().setKind(kind).addAllFieldNames(List.of(fieldNames)).build();
  }

  private static Field.Builder base(
      String name, String displayName, String description, boolean required, String placeholder) {
    return Field.newBuilder()
        .setName(name)
        .setDisplayName(displayName)
        .setDescription(description)
        .setPlaceholder(placeholder == null ? "" : placeholder)
        .setIsRequired(required);
  }
}
