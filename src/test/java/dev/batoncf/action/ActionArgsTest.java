package dev.batoncf.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.pb.config.v1.Constraint;
import dev.batoncf.pb.config.v1.ConstraintKind;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generic parts: constraint kinds, key-value forms, and the Struct ↔ JSON bridge. */
class ActionArgsTest {
  private static final BatonActionSchema SCHEMA =
      Schemas.schema("t", "T", "test")
          .addArguments(Schemas.string("a", "A", "a", false, ""))
          .addArguments(Schemas.string("b", "B", "b", false, ""))
          .addArguments(Schemas.string("c", "C", "c", false, ""))
          .addArguments(Schemas.map("m", "M", "m", false))
          .addConstraints(
              Schemas.constraint(ConstraintKind.CONSTRAINT_KIND_REQUIRED_TOGETHER, "a", "b"))
          .addConstraints(
              Constraint.newBuilder()
                  .setKind(ConstraintKind.CONSTRAINT_KIND_DEPENDENT_ON)
                  .addFieldNames("c")
                  .addSecondaryFieldNames("a")
                  .build())
          .build();

  private static ActionArgs args(String json) {
    return ActionArgs.of(SCHEMA, JsonParser.parseString(json).getAsJsonObject());
  }

  private static String problem(String json) {
    return assertThrows(ActionArgumentException.class, () -> args(json)).getMessage();
  }

  @Test
  void requiredTogetherAndDependentOn() {
    assertEquals("argument 'b': is required together with a", problem("{\"a\":\"1\"}"));
    assertEquals("argument 'a': is required when c is given", problem("{\"c\":\"1\"}"));
    args("{}");
    args("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
  }

  @Test
  void emptyStringsAndNullsCountAsAbsent() {
    ActionArgs a = args("{\"a\":\"\",\"b\":null,\"c\":\"\"}");
    assertTrue(a.optionalString("a").isEmpty());
    assertTrue(!a.has("b"));
  }

  @Test
  void keyValueArgumentsAcceptObjectsAndPairLists() {
    assertEquals(
        Map.of("page", "2", "on", "true"), args("{\"m\":{\"page\":2,\"on\":true}}").stringMap("m"));
    assertEquals(
        Map.of("page", "2", "q", "x"),
        args("{\"m\":[{\"key\":\"page\",\"value\":\"2\"},{\"name\":\"q\",\"value\":\"x\"}]}")
            .stringMap("m"));
    assertEquals(Map.of(), args("{}").stringMap("m"));
  }

  @Test
  void structsRoundTripWithWholeNumbersAsIntegers() {
    Struct s =
        Struct.newBuilder()
            .putFields("per_page", Value.newBuilder().setNumberValue(50).build())
            .putFields("score", Value.newBuilder().setNumberValue(0.87).build())
            .putFields(
                "nested",
                Value.newBuilder()
                    .setStructValue(
                        Struct.newBuilder()
                            .putFields("ok", Value.newBuilder().setBoolValue(true).build()))
                    .build())
            .build();
    JsonObject json = Structs.toJson(s);
    assertEquals("50", json.get("per_page").toString());
    assertEquals("0.87", json.get("score").toString());
    assertTrue(json.getAsJsonObject("nested").get("ok").getAsBoolean());
    JsonObject back =
        Structs.toJson(
            Structs.toStruct(
                JsonParser.parseString("{\"a\":[1,\"x\",null,{\"b\":false}]}").getAsJsonObject()));
    assertEquals("{\"a\":[1,\"x\",null,{\"b\":false}]}", back.toString());
  }
}
