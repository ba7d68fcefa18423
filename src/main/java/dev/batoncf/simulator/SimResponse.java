package dev.batoncf.simulator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP answer: status, body bytes and extra headers. The factories build Cloudflare's standard
 * envelope {@code {success, errors, messages, result, result_info}}.
 */
record SimResponse(int status, byte[] body, Map<String, String> headers) {

  /** serializeNulls: {@code result:null} and {@code last_name:null} must reach the wire. */
  static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  static SimResponse ok(JsonElement result) {
    return envelope(200, result, null);
  }

  static SimResponse ok(int status, JsonElement result) {
    return envelope(status, result, null);
  }

  static SimResponse page(JsonElement result, JsonObject resultInfo) {
    return envelope(200, result, resultInfo);
  }

  static SimResponse envelope(int status, JsonElement result, JsonObject resultInfo) {
    JsonObject env = new JsonObject();
    env.addProperty("success", true);
    env.add("errors", new JsonArray());
    env.add("messages", new JsonArray());
    env.add("result", result == null ? JsonNull.INSTANCE : result);
    if (resultInfo != null) {
      env.add("result_info", resultInfo);
    }
    return json(status, env, Map.of());
  }

  static SimResponse error(int status, int code, String message) {
    return error(status, code, message, Map.of());
  }

  static SimResponse error(int status, int code, String message, Map<String, String> headers) {
    JsonObject err = new JsonObject();
    err.addProperty("code", code);
    err.addProperty("message", message);
    JsonArray errors = new JsonArray();
    errors.add(err);
    JsonObject env = new JsonObject();
    env.addProperty("success", false);
    env.add("errors", errors);
    env.add("messages", new JsonArray());
    env.add("result", JsonNull.INSTANCE);
    return json(status, env, headers);
  }

  static SimResponse of(SimError e) {
    return error(e.status(), e.code(), e.getMessage());
  }

  static SimResponse json(int status, JsonObject body, Map<String, String> headers) {
    return new SimResponse(status, GSON.toJson(body).getBytes(StandardCharsets.UTF_8), headers);
  }

  /** An HTML page, as Cloudflare's edge answers paths outside the API. */
  static SimResponse html(int status, String page) {
    return new SimResponse(
        status,
        page.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/html; charset=UTF-8"));
  }

  static SimResponse raw(int status, String body) {
    return new SimResponse(status, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** This answer with its JSON body passed through {@code edit}; a non-JSON body is kept. */
  SimResponse rewritten(java.util.function.UnaryOperator<JsonObject> edit) {
    JsonElement parsed;
    try {
      parsed = com.google.gson.JsonParser.parseString(bodyText());
    } catch (com.google.gson.JsonParseException e) {
      return this;
    }
    if (!parsed.isJsonObject()) {
      return this;
    }
    JsonObject edited = edit.apply(parsed.getAsJsonObject());
    return json(status, edited == null ? parsed.getAsJsonObject() : edited, headers);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
