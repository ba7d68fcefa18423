package dev.batoncf.action;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.model.IntelCategory;
import dev.batoncf.cloudflare.model.RiskIntegration;
import java.util.List;

/**
 * Small builders for action results. Results use camelCase keys (the names the vendor's flow
 * connector documents: {@code riskFound}, {@code contentCategories}, {@code rawResponse}, …);
 * {@code result} keeps Cloudflare's own JSON as it came.
 */
final class Results {
  static final String FOUND = "found";
  static final String SUCCESS = "success";
  static final String MESSAGE = "message";
  static final String RESULT = "result";

  private Results() {}

  /** The names of risk types or content categories, in Cloudflare's order. */
  static JsonArray names(List<IntelCategory> categories) {
    JsonArray out = new JsonArray();
    if (categories != null) {
      categories.stream()
          .filter(c -> c != null && c.name() != null)
          .forEach(c -> out.add(c.name()));
    }
    return out;
  }

  static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }

  /** An integration with camelCase keys. */
  static JsonObject integration(RiskIntegration i) {
    JsonObject o = new JsonObject();
    o.addProperty("id", i.id());
    o.addProperty("accountTag", i.accountTag());
    o.addProperty("active", i.active());
    o.addProperty("createdAt", i.createdAt());
    o.addProperty("integrationType", i.integrationType());
    o.addProperty("referenceId", i.referenceId());
    o.addProperty("tenantUrl", i.tenantUrl());
    o.addProperty("wellKnownUrl", i.wellKnownUrl());
    return o;
  }

  /** {@code {"success": …}} followed by the fields of {@code rest}. */
  static JsonObject withSuccess(boolean success, JsonObject rest) {
    JsonObject o = new JsonObject();
    o.addProperty(SUCCESS, success);
    rest.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
    return o;
  }

  /** {@code {"found": false, <key>: <value>, "message": …}}. */
  static JsonObject notFound(String key, String value, String message) {
    JsonObject o = new JsonObject();
    o.addProperty(FOUND, false);
    o.addProperty(key, value);
    o.addProperty(MESSAGE, message);
    return o;
  }
}
