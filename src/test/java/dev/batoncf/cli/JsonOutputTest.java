package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.batoncf.support.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o json} prints whole numbers as integers (Struct numbers are doubles; Java prints {@code
 * 3.0}, Baton's Go tools {@code 3}) and the readers print Baton's list shapes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonOutputTest {
  @TempDir static Path dir;

  Path demo;

  @BeforeAll
  void syncDemo() {
    demo = dir.resolve("demo.c1z");
    CliRun r = CliRun.run("--demo", "-f", demo.toString());
    assertEquals(0, r.code(), r.both());
  }

  @Test
  void numbersAreRewrittenAndNothingElse() {
    assertEquals(
        "{\"a\":3,\"b\":1.5,\"c\":\"3.0\",\"d\":[0,-2,10000000000,1.0E21,0.001],\"e\":null,"
            + "\"f\":true,\"<&>\":\"<&>='\"}",
        JsonNumbers.integral(
            "{\"a\":3.0,\"b\":1.5,\"c\":\"3.0\",\"d\":[-0.0,-2.0,1.0E10,1.0E21,0.001],"
                + "\"e\":null,\"f\":true,\"\\u003c&>\":\"\\u003c\\u0026\\u003e\\u003d\\u0027\"}",
            false));
    assertEquals("{\n  \"n\": 42\n}", JsonNumbers.integral("{\"n\": 42.0}", true));
    Struct s =
        Struct.newBuilder()
            .putFields("count", Value.newBuilder().setNumberValue(2).build())
            .putFields("ratio", Value.newBuilder().setNumberValue(0.25).build())
            .build();
    assertEquals("{\"count\":2,\"ratio\":0.25}", ProtoJson.compact(s));
  }

  @Test
  void resourcesPrintBatonsShapeWithIntegerProfileNumbers() {
    CliRun r = CliRun.run("resources", "-f", demo.toString(), "-t", "access_user", "-o", "json");
    assertEquals(0, r.code(), r.both());
    assertFalse(r.out().contains(".0,") || r.out().contains(".0}"), r.out());
    JsonObject top = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(Set.of("resources"), top.keySet());
    List<String> numbers = new ArrayList<>();
    for (JsonElement e : top.getAsJsonArray("resources")) {
      JsonObject row = e.getAsJsonObject();
      assertEquals(
          Set.of("resource", "resourceType"), row.keySet(), "no parent: the resource has none");
      assertEquals("access_user", row.getAsJsonObject("resourceType").get("id").getAsString());
      collectNumbers(row, numbers);
    }
    assertEquals(40, top.getAsJsonArray("resources").size());
    assertTrue(numbers.size() >= 40, "the demo's Access users have device counts: " + numbers);
    numbers.forEach(
        n ->
            assertTrue(
                n.matches("-?\\d+|-?\\d+\\.\\d*[1-9]\\d*"),
                "whole numbers print as integers: " + n));
    assertTrue(r.out().contains("\"active_device_count\":2"), r.out());
  }

  @Test
  void entitlementsAndGrantsPrintBatonsShape() {
    CliRun e = CliRun.run("entitlements", "-f", demo.toString(), "-t", "role", "-o", "json");
    assertEquals(0, e.code(), e.both());
    var rows = JsonParser.parseString(e.out()).getAsJsonObject().getAsJsonArray("entitlements");
    assertEquals(61, rows.size());
    JsonObject first = rows.get(0).getAsJsonObject();
    assertEquals(Set.of("entitlement", "resource", "resourceType"), first.keySet());
    assertEquals(
        first.getAsJsonObject("entitlement").getAsJsonObject("resource").get("id"),
        first.getAsJsonObject("resource").get("id"));
    assertTrue(
        first.getAsJsonObject("resource").has("annotations"),
        "the stored resource, with its RoleTrait");

    CliRun none =
        CliRun.run("grants", "-f", demo.toString(), "--principal-type", "nobody", "-o", "json");
    assertEquals(0, none.code(), none.both());
    assertEquals("{\"grants\":[]}", none.out().trim());
  }

  private static void collectNumbers(JsonElement e, List<String> out) {
    if (e.isJsonObject()) {
      e.getAsJsonObject().entrySet().forEach(x -> collectNumbers(x.getValue(), out));
    } else if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> collectNumbers(x, out));
    } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      out.add(e.getAsString());
    }
  }
}
