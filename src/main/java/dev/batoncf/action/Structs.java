package dev.batoncf.action;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.util.Map;

/**
 * google.protobuf.Struct ↔ Gson JSON, for action arguments and results over gRPC. Struct numbers
 * are doubles; whole numbers come back as integers ({@code 50}, not {@code 50.0}) so a query
 * parameter or body field Cloudflare expects as an integer survives the trip.
 */
public final class Structs {
  /** Doubles represent every integer up to 2^53 exactly. */
  private static final double MAX_EXACT = 9_007_199_254_740_992d;

  private Structs() {}

  public static JsonObject toJson(Struct struct) {
    JsonObject o = new JsonObject();
    for (Map.Entry<String, Value> e : struct.getFieldsMap().entrySet()) {
      o.add(e.getKey(), toJson(e.getValue()));
    }
    return o;
  }

  public static Struct toStruct(JsonObject json) {
    Struct.Builder b = Struct.newBuilder();
    for (Map.Entry<String, JsonElement> e : json.entrySet()) {
      b.putFields(e.getKey(), toValue(e.getValue()));
    }
    return b.build();
  }

  private static JsonElement toJson(Value v) {
    switch (v.getKindCase()) {
      case STRUCT_VALUE:
        return toJson(v.getStructValue());
      case LIST_VALUE:
        JsonArray a = new JsonArray();
        v.getListValue().getValuesList().forEach(x -> a.add(toJson(x)));
        return a;
      case STRING_VALUE:
        return new JsonPrimitive(v.getStringValue());
      case BOOL_VALUE:
        return new JsonPrimitive(v.getBoolValue());
      case NUMBER_VALUE:
        double d = v.getNumberValue();
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT) {
          return new JsonPrimitive((long) d);
        }
        return new JsonPrimitive(d);
      default:
        return JsonNull.INSTANCE;
    }
  }

  private static Value toValue(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (e.isJsonObject()) {
      return Value.newBuilder().setStructValue(toStruct(e.getAsJsonObject())).build();
    }
    if (e.isJsonArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      e.getAsJsonArray().forEach(x -> list.addValues(toValue(x)));
      return Value.newBuilder().setListValue(list).build();
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return Value.newBuilder().setBoolValue(p.getAsBoolean()).build();
    }
    if (p.isNumber()) {
      return Value.newBuilder()
          .setNumberValue(new BigDecimal(p.getAsString()).doubleValue())
          .build();
    }
    return Value.newBuilder().setStringValue(p.getAsString()).build();
  }
}
