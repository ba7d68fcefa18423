package dev.batoncf.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.batoncf.cloudflare.CloudflareClient;
import dev.batoncf.cloudflare.CloudflareException;
import dev.batoncf.cloudflare.RawRequest;
import dev.batoncf.cloudflare.SecurityClient;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.RequestLog;
import dev.batoncf.simulator.Seeds;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * custom_api_call end to end: SSRF attempts aimed at a SECOND loopback listener (which must receive
 * nothing), header overrides, writes without -p, the response cap and credential stripping. The
 * simulator stands in for Cloudflare; a MockWebServer stands in for it where a test needs a hostile
 * answer.
 */
class CustomApiCallSafetyTest {
  private static final String ACCT = "/accounts/" + Seeds.DEMO_ACCOUNT_ID;

  private final ActionRegistry registry = ActionRegistry.standard();
  private CfSimulator sim;
  private MockWebServer other;
  private CloudflareClient client;
  private SecurityClient security;

  @BeforeEach
  void start() throws IOException {
    sim = CfSimulator.start(Seeds.demo());
    other = new MockWebServer();
    other.start(InetAddress.getByName("127.0.0.1"), 0);
    client = Clients.demo(sim.baseUrl());
    security = new SecurityClient(client);
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    sim.close();
    other.shutdown();
  }

  private String o() {
    return "127.0.0.1:" + other.getPort();
  }

  private JsonObject args(String endpoint, String method) {
    JsonObject a = new JsonObject();
    a.addProperty("endpoint", endpoint);
    a.addProperty("method", method);
    return a;
  }

  private void assertNothingSent() {
    assertEquals(0, other.getRequestCount(), "the second listener received a request");
    assertEquals(0, sim.requests().total(), "the simulator received a request");
  }

  // ---------------------------------------------------------------- endpoint SSRF table

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      http://{o}/x                     | not an absolute URL
      HTTP://{o}/client/v4/accounts    | not an absolute URL
      http:{o}/x                       | not an absolute URL
      //{o}/x                          | must not start with '//'
      ///{o}/x                         | must not start with '//'
      /..//{o}/x                       | '.' or '..' segments
      /../../x                         | '.' or '..' segments
      /client/v4/../../x               | '.' or '..' segments
      %2e%2e/%2e%2e/{o}                | percent-encoding
      /%2e%2e/%2e%2e/x                 | percent-encoding
      /%252e%252e/%252e%252e/x         | percent-encoding
      /%2F%2F{o}/x                     | percent-encoding
      /x/..%2F..%2F{o}                 | percent-encoding
      \\\\{o}\\x                        | backslash
      /\\\\{o}/x                        | backslash
      @{o}/x                           | '@'
      /accounts@{o}/x                  | '@'
      /x?next=http://{o}/              | not an absolute URL
      /x?host={o}                      | '?' or '#'
      /x#@{o}                          | '?' or '#'
      """)
  void endpointEscapesAreRefusedAndNothingIsSent(String template, String problem) {
    String endpoint = template.replace("{o}", o());
    for (String method : new String[] {"GET", "POST"}) {
      ActionArgumentException e =
          assertThrows(
              ActionArgumentException.class,
              () -> registry.prepare("custom_api_call", args(endpoint, method), true));
      assertEquals("endpoint", e.argument());
      assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
    assertNothingSent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/x\r\nHost: {o}", "/x\r\n\r\nGET http://{o}/ HTTP/1.1", "/x\u0000{o}"})
  void requestSplittingIsRefused(String template) {
    JsonObject a = args(template.replace("{o}", o()), "GET");
    assertEquals(
        "endpoint",
        assertThrows(
                ActionArgumentException.class, () -> registry.prepare("custom_api_call", a, true))
            .argument());
    assertNothingSent();
  }

  /** Second line of defence: a path that escaped the guard still never leaves the base URL. */
  @ParameterizedTest
  @ValueSource(strings = {"http://{o}/x", "//{o}/x", "../../x", "../../../{o}/x", "/x"})
  void baseUrlGuardStopsWhatTheActionGuardWouldHaveStopped(String template) {
    RawRequest raw = new RawRequest("GET", template.replace("{o}", o()), Map.of(), Map.of(), null);
    CloudflareException e =
        assertThrows(
            CloudflareException.Transport.class,
            () -> security.rawCall(raw, SsrfGuard.MAX_RESPONSE_BYTES));
    assertTrue(e.getMessage().contains("refused to send a request"), e.getMessage());
    assertNothingSent();
  }

  // ---------------------------------------------------------------- headers

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Authorization      | Bearer attacker-token
      authorization      | Bearer attacker-token
      x-auth-key         | attacker-key
      X-AUTH-KEY         | attacker-key
      X-Auth-Email       | attacker@example.com
      Host               | {o}
      host               | {o}
      X-Forwarded-Host   | {o}
      Cookie             | session=1
      """)
  void headerOverridesAreRefusedAndNothingIsSent(String name, String value) {
    JsonObject a = args(ACCT + "/intel/ip", "GET");
    JsonObject headers = new JsonObject();
    headers.addProperty(name, value.replace("{o}", o()));
    a.add("headers", headers);
    ActionArgumentException e =
        assertThrows(
            ActionArgumentException.class, () -> registry.prepare("custom_api_call", a, true));
    assertEquals("headers", e.argument());
    assertTrue(e.getMessage().contains("'" + name + "' cannot be set by the caller"));
    assertNothingSent();
  }

  @Test
  void rawCallDropsCredentialAndHostHeadersEvenIfAskedTo() {
    RawRequest raw =
        new RawRequest(
            "GET",
            "accounts/" + Seeds.DEMO_ACCOUNT_ID + "/intel/ip",
            Map.of("ipv4", "203.0.113.7"),
            Map.of(
                "Authorization",
                "Bearer attacker",
                "X-Auth-Key",
                "k",
                "X-Auth-Email",
                "a@b.c",
                "Host",
                o(),
                "X-Note",
                "kept"),
            null);
    assertEquals(200, security.rawCall(raw, SsrfGuard.MAX_RESPONSE_BYTES).statusCode());
    RequestLog.Recorded sent = sim.requests().matching("GET", Paths.INTEL_IP).get(0);
    assertEquals("Bearer ****", sent.header("Authorization")); // the demo token was accepted
    assertFalse(sent.hasHeader("X-Auth-Key"));
    assertFalse(sent.hasHeader("X-Auth-Email"));
    assertEquals("127.0.0.1:" + sim.port(), sent.header("Host"));
    assertEquals("kept", sent.header("X-Note"));
    assertEquals(0, other.getRequestCount());
  }

  @Test
  void rawCallsAreCountedUnderOneKeyNotTheirPath() {
    for (String id : new String[] {"a1", "b2", "c3"}) {
      JsonObject a = args(ACCT + "/zt_risk_scoring/integrations/" + id, "GET");
      assertEquals(
          404,
          registry.prepare("custom_api_call", a, false).run(security).get("statusCode").getAsInt());
    }
    assertEquals(Map.of("GET (custom API call)", 3L), client.metrics().callsByEndpoint());
  }

  // ---------------------------------------------------------------- writes

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "post", "delete"})
  void nonGetWithoutProvisioningIsRefusedAndNothingIsSent(String method) {
    JsonObject a =
        args(ACCT + "/zt_risk_scoring/integrations/" + Seeds.DEMO_INTEGRATION_OKTA, method);
    WriteRefusedException e =
        assertThrows(
            WriteRefusedException.class, () -> registry.prepare("custom_api_call", a, false));
    assertTrue(
        e.getMessage()
            .startsWith(
                "custom_api_call changes Cloudflare and provisioning is "
                    + "not enabled, so nothing was sent"));
    assertNothingSent();
    assertEquals(1, sim.account().integrations().size());
  }

  // ---------------------------------------------------------------- what comes back

  @Test
  void hostileApiAnswersAreCappedAndStrippedOfCredentials() throws Exception {
    try (MockWebServer api = new MockWebServer()) {
      api.start(InetAddress.getByName("127.0.0.1"), 0);
      String token = "tok-SECRET-0123456789-abcdefghij";
      try (CloudflareClient c =
          Clients.of("http://127.0.0.1:" + api.getPort() + "/client/v4", token)) {
        SecurityClient s = new SecurityClient(c);
        api.enqueue(
            new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "application/json")
                .setHeader("Authorization", "Bearer " + token)
                .setHeader("X-Auth-Key", token)
                .setHeader("Set-Cookie", "session=abc")
                .setHeader("X-Echo", "you sent " + token)
                .setBody("{\"echo\":\"Bearer " + token + "\",\"n\":1}"));
        JsonObject r = run(s, "/echo");
        assertEquals(200, r.get("statusCode").getAsInt());
        JsonObject headers = r.getAsJsonObject("headers");
        assertNull(headers.get("authorization"));
        assertNull(headers.get("x-auth-key"));
        assertNull(headers.get("set-cookie"));
        assertEquals("you sent ****", headers.get("x-echo").getAsString());
        assertEquals("Bearer ****", r.getAsJsonObject("rawResponse").get("echo").getAsString());
        assertFalse(r.toString().contains(token));
        assertFalse(r.toString().contains("SECRET"));
        RecordedRequest got = api.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/client/v4/echo", got.getPath());
        assertEquals("Bearer " + token, got.getHeader("Authorization")); // ours, sent once

        long max = SsrfGuard.MAX_RESPONSE_BYTES;
        api.enqueue(new MockResponse().setBody("a".repeat((int) max + 100)));
        JsonObject big = run(s, "/big");
        assertTrue(big.get("truncated").getAsBoolean());
        assertEquals(max, big.get("rawResponse").getAsString().length());

        // valid JSON, but too big to return as a Struct-friendly document: returned as text
        String bigJson = "[" + "1,".repeat(CustomApiCall.MAX_PARSED_CHARS / 2) + "1]";
        api.enqueue(new MockResponse().setBody(bigJson));
        JsonObject asText = run(s, "/bigjson");
        assertFalse(asText.get("truncated").getAsBoolean());
        assertEquals(bigJson, asText.get("rawResponse").getAsString());

        api.enqueue(new MockResponse().setBody("b".repeat((int) max)));
        JsonObject exact = run(s, "/exact");
        assertFalse(exact.get("truncated").getAsBoolean());
        assertEquals(max, exact.get("rawResponse").getAsString().length());

        // the cap cuts a token in half: its visible start is masked too
        api.enqueue(new MockResponse().setBody("c".repeat((int) max - 12) + token + "tail"));
        JsonObject cut = run(s, "/cut");
        assertTrue(cut.get("truncated").getAsBoolean());
        String text = cut.get("rawResponse").getAsString();
        assertFalse(text.contains(token.substring(0, 12)), "partial token leaked");
        assertTrue(text.endsWith("c****"), text.substring(text.length() - 20));
      }
    }
  }

  @Test
  void redirectsAreReturnedNotFollowed() throws Exception {
    try (MockWebServer api = new MockWebServer();
        CloudflareClient c = Clients.demo("http://127.0.0.1:" + startedPort(api) + "/client/v4")) {
      api.enqueue(
          new MockResponse()
              .setResponseCode(302)
              .setHeader("Location", "http://" + o() + "/steal"));
      JsonObject r = run(new SecurityClient(c), "/moved");
      assertEquals(302, r.get("statusCode").getAsInt());
      assertEquals(
          "http://" + o() + "/steal", r.getAsJsonObject("headers").get("location").getAsString());
      assertEquals(0, other.getRequestCount());
    }
  }

  private static int startedPort(MockWebServer server) throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server.getPort();
  }

  private JsonObject run(SecurityClient s, String endpoint) {
    return registry.prepare("custom_api_call", args(endpoint, "GET"), false).run(s);
  }
}
