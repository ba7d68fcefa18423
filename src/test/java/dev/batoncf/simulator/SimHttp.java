package dev.batoncf.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test client: real HTTP to the simulator with java.net.http, one auth mode per instance. */
final class SimHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String baseUrl;
  private final List<String> authHeaders;
  private final HttpClient client;

  private SimHttp(String baseUrl, List<String> authHeaders, HttpClient client) {
    this.baseUrl = baseUrl;
    this.authHeaders = authHeaders;
    this.client = client;
  }

  private SimHttp(String baseUrl, List<String> authHeaders) {
    this(baseUrl, authHeaders, CLIENT);
  }

  /**
   * Same credentials over a client of its own: no pooled connection that the JDK client would
   * silently retry a dropped GET on (OkHttp does the same by default).
   */
  SimHttp withOwnClient() {
    return new SimHttp(
        baseUrl,
        authHeaders,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build());
  }

  static SimHttp token(CfSimulator sim, String token) {
    return new SimHttp(sim.baseUrl(), List.of("Authorization", "Bearer " + token));
  }

  static SimHttp key(CfSimulator sim, String email, String key) {
    return new SimHttp(sim.baseUrl(), List.of("X-Auth-Email", email, "X-Auth-Key", key));
  }

  /** Arbitrary header pairs (name, value, name, value, ...), possibly none. */
  static SimHttp headers(CfSimulator sim, String... pairs) {
    return new SimHttp(sim.baseUrl(), List.of(pairs));
  }

  static SimHttp demo(CfSimulator sim) {
    return token(sim, Seeds.DEMO_API_TOKEN);
  }

  /** Paths starting with "/accounts/ACCT" get the account id of the simulator's account. */
  Resp get(String path) {
    return send("GET", path, null);
  }

  Resp put(String path, String body) {
    return send("PUT", path, body);
  }

  Resp post(String path, String body) {
    return send("POST", path, body);
  }

  Resp delete(String path) {
    return send("DELETE", path, null);
  }

  Resp send(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < authHeaders.size(); i += 2) {
      b.header(authHeaders.get(i), authHeaders.get(i + 1));
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Resp(int status, HttpHeaders headers, String raw) {
    JsonObject json() {
      return JsonParser.parseString(raw).getAsJsonObject();
    }

    boolean success() {
      return json().get("success").getAsBoolean();
    }

    JsonElement result() {
      return json().get("result");
    }

    JsonObject obj() {
      return result().getAsJsonObject();
    }

    JsonArray arr() {
      return result().getAsJsonArray();
    }

    JsonObject info() {
      return json().getAsJsonObject("result_info");
    }

    int errorCode() {
      return json().getAsJsonArray("errors").get(0).getAsJsonObject().get("code").getAsInt();
    }

    String errorMessage() {
      return json().getAsJsonArray("errors").get(0).getAsJsonObject().get("message").getAsString();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    List<String> ids() {
      return idsOf(arr());
    }

    /** Ids of the objects in an array field of the result object, e.g. {@code ids("roles")}. */
    List<String> ids(String arrayField) {
      return idsOf(obj().getAsJsonArray(arrayField));
    }

    private static List<String> idsOf(JsonArray a) {
      List<String> out = new ArrayList<>();
      a.forEach(e -> out.add(e.getAsJsonObject().get("id").getAsString()));
      return out;
    }
  }
}
