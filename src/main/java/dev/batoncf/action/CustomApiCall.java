package dev.batoncf.action;

import static dev.batoncf.action.Schemas.bool;
import static dev.batoncf.action.Schemas.choice;
import static dev.batoncf.action.Schemas.integer;
import static dev.batoncf.action.Schemas.map;
import static dev.batoncf.action.Schemas.string;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.batoncf.cloudflare.RawRequest;
import dev.batoncf.cloudflare.RawResponse;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * {@code custom_api_call {endpoint, method, query_params, headers, body}}: any Cloudflare API call
 * the other actions do not cover, made safe to expose to a governance host. Every part is checked
 * by {@link SsrfGuard} first; the call then goes through the connector's own HTTP stack (base-URL
 * guard, auth, rate limiter, retries, redaction). Only GET is allowed without provisioning. An
 * error status from Cloudflare is a result (statusCode 4xx/5xx), not a failure.
 */
final class CustomApiCall implements Action {
  static final String NAME = "custom_api_call";
  static final String ARG_ENDPOINT = "endpoint";
  static final String ARG_METHOD = "method";
  static final String ARG_QUERY = "query_params";
  static final String ARG_HEADERS = "headers";
  static final String ARG_BODY = "body";
  static final String RAW_RESPONSE = "rawResponse";
  static final String STATUS_CODE = "statusCode";
  static final String HEADERS = "headers";
  static final String TRUNCATED = "truncated";

  /**
   * Bodies up to this size are returned as JSON, larger ones as text: as a protobuf Struct a JSON
   * document can grow several-fold (an array of small numbers ~10x), and a response must stay well
   * under gRPC's default 4 MiB message limit on the host's side.
   */
  static final int MAX_PARSED_CHARS = 256 * 1024;

  private static final BatonActionSchema SCHEMA =
      Schemas.schema(
              NAME,
              "Make Custom API Call",
              "Calls a Cloudflare API endpoint that no other action covers. The endpoint is a path "
                  + "under the configured base URL; credentials are added by the connector and never "
                  + "returned. Methods other than GET change Cloudflare and need provisioning (-p).")
          .addArguments(
              string(
                  ARG_ENDPOINT,
                  "Endpoint",
                  "Path relative to the API base URL, e.g. "
                      + "/accounts/<account id>/intel/domain (no host, no query, no '..')",
                  true,
                  "/accounts/<account id>/intel/domain"))
          .addArguments(choice(ARG_METHOD, "Method", "The HTTP method", true, SsrfGuard.METHODS))
          .addArguments(
              map(
                  ARG_QUERY,
                  "Query Parameters",
                  "Name → value, e.g. {\"domain\":" + "\"example.com\"}",
                  false))
          .addArguments(
              map(
                  ARG_HEADERS,
                  "Headers",
                  "Extra header name → value; Authorization, "
                      + "X-Auth-*, Host, Cookie and hop-by-hop headers are refused",
                  false))
          .addArguments(
              string(
                  ARG_BODY,
                  "Body",
                  "JSON body (a JSON object or array, or a string "
                      + "holding one); not allowed with GET",
                  false,
                  "{}"))
          .addReturnTypes(integer(STATUS_CODE, "Status Code", "HTTP status Cloudflare answered"))
          .addReturnTypes(
              map(HEADERS, "Headers", "Response headers (credential headers removed)", false))
          .addReturnTypes(
              map(
                  RAW_RESPONSE,
                  "Raw Response",
                  "The JSON body; the body as text when it is "
                      + "not JSON, longer than "
                      + MAX_PARSED_CHARS
                      + " characters, or cut at "
                      + SsrfGuard.MAX_RESPONSE_BYTES
                      + " bytes",
                  false))
          .addReturnTypes(
              bool(TRUNCATED, "Truncated", "Whether the body was cut at the size cap", false))
          .build();

  @Override
  public BatonActionSchema schema() {
    return SCHEMA;
  }

  @Override
  public PreparedAction prepare(ActionArgs args) {
    String path = SsrfGuard.relativePath(ARG_ENDPOINT, args.string(ARG_ENDPOINT));
    String method = SsrfGuard.method(ARG_METHOD, args.string(ARG_METHOD));
    Map<String, String> query = SsrfGuard.query(ARG_QUERY, args.stringMap(ARG_QUERY));
    Map<String, String> headers = SsrfGuard.headers(ARG_HEADERS, args.stringMap(ARG_HEADERS));
    String body = args.json(ARG_BODY).orElse(null);
    SsrfGuard.body(ARG_BODY, method, body);
    RawRequest request = new RawRequest(method, path, query, headers, body);
    PreparedAction.Step step =
        client -> result(client.rawCall(request, SsrfGuard.MAX_RESPONSE_BYTES));
    return SsrfGuard.READ_METHOD.equals(method)
        ? PreparedAction.read(NAME, step)
        : PreparedAction.write(NAME, step);
  }

  static JsonObject result(RawResponse r) {
    JsonObject o = new JsonObject();
    o.addProperty(STATUS_CODE, r.statusCode());
    JsonObject headers = new JsonObject();
    for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
      headers.addProperty(h.getKey(), String.join(", ", h.getValue()));
    }
    o.add(HEADERS, headers);
    boolean asJson = !r.truncated() && r.body().length() <= MAX_PARSED_CHARS;
    JsonElement json = asJson ? parse(r.body()) : null;
    if (json != null) {
      o.add(RAW_RESPONSE, json);
    } else {
      o.addProperty(RAW_RESPONSE, r.body());
    }
    o.addProperty(TRUNCATED, r.truncated());
    return o;
  }

  /** The body as JSON when it is exactly one JSON document, else null. */
  private static JsonElement parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      JsonReader reader = new JsonReader(new StringReader(body));
      reader.setStrictness(Strictness.STRICT);
      JsonElement parsed = JsonParser.parseReader(reader);
      return reader.peek() == JsonToken.END_DOCUMENT ? parsed : null;
    } catch (JsonParseException | IOException e) {
      return null;
    }
  }
}
