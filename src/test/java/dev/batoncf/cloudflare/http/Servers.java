package dev.batoncf.cloudflare.http;

import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.Credentials;
import dev.batoncf.cloudflare.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockWebServer;

/** Test helpers: servers on 127.0.0.1 only, and the call-then-classify a facade does. */
final class Servers {
  static final String TOKEN = "tok-0123456789abcdef-SECRET";
  static final Credentials TOKEN_CREDENTIALS = new Credentials.ApiToken(Secret.of(TOKEN));

  private Servers() {}

  static MockWebServer start() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** Never "localhost": it may resolve to ::1 where the server does not listen. */
  static String baseUrl(MockWebServer server) {
    return "http://127.0.0.1:" + server.getPort() + "/client/v4";
  }

  static Request get(MockWebServer server, String path) {
    return new Request.Builder().url(baseUrl(server) + path).build();
  }

  /** A port on 127.0.0.1 that nothing listens on (bound, then released). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** What a facade would throw for this request, or null on a success envelope. */
  static CloudflareException failureOf(OkHttpClient client, Request request) {
    String endpoint = ErrorClassifier.endpointOf(request);
    try (Response response = client.newCall(request).execute()) {
      String body = response.body() == null ? null : response.body().string();
      return ErrorClassifier.check(endpoint, response.code(), body, response.headers())
          .orElse(null);
    } catch (IOException e) {
      return ErrorClassifier.fromIOException(endpoint, e);
    }
  }
}
