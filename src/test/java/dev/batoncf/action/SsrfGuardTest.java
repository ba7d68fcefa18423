package dev.batoncf.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure rules of {@link SsrfGuard}; the end-to-end proof is in CustomApiCallSafetyTest. */
class SsrfGuardTest {

  private static String refused(String endpoint) {
    return assertThrows(
            ActionArgumentException.class, () -> SsrfGuard.relativePath("endpoint", endpoint))
        .getMessage();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      http://evil.example/x                       | not an absolute URL
      HTTPS://evil.example/x                      | not an absolute URL
      http:/evil.example/x                        | not an absolute URL
      javascript:alert(1)                         | not an absolute URL
      file:///etc/passwd                          | not an absolute URL
      /x/http://evil.example                      | not an absolute URL
      //evil.example/x                            | must not start with '//'
      /../../x                                    | must not contain '.' or '..' segments
      /accounts/../../x                           | must not contain '.' or '..' segments
      /accounts/./x                               | must not contain '.' or '..' segments
      ..                                          | must not contain '.' or '..' segments
      /accounts/x/..                              | must not contain '.' or '..' segments
      /%2e%2e/%2e%2e/x                            | percent-encoding
      %2e%2e/x                                    | percent-encoding
      /%2E%2E%2Fx                                 | percent-encoding
      /%252e%252e/x                               | percent-encoding
      /x%2f..%2f..%2fy                            | percent-encoding
      /x%00                                       | percent-encoding
      \\\\evil.example\\x                          | contains a backslash
      /..\\..\\x                                  | contains a backslash
      @evil.example/x                             | must not contain '@'
      /accounts/x@evil.example                    | must not contain '@'
      /x?redirect=http://evil.example             | not an absolute URL
      /x?a=b                                      | pass query parameters in query_params
      /x#fragment                                 | pass query parameters in query_params
      /x#@evil.example                            | pass query parameters in query_params
      /accounts//x                                | must not contain empty segments
      /                                           | must name an API path
      /x;y                                        | may only contain letters, digits
      /x:8080                                     | may only contain letters, digits
      /x$y                                        | may only contain letters, digits
      """)
  void refusesEndpointsThatCouldLeaveTheBaseUrl(String endpoint, String problem) {
    String message = refused(endpoint);
    assertTrue(message.startsWith("argument 'endpoint': "), message);
    assertTrue(message.contains(problem), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/x\r\nHost: evil.example", "/x\n", "/x y", "/x\t", "/x\u0000", "/x\u007f"})
  void refusesControlCharactersAndSpaces(String endpoint) {
    assertEquals(
        "argument 'endpoint': contains a space, line break or control character",
        refused(endpoint));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/\uff0e\uff0e/x", "/x\u2215y", "/\u0430ccounts", "/x\u3002y"})
  void refusesNonAsciiLookAlikes(String endpoint) {
    assertEquals("argument 'endpoint': contains a non-ASCII character", refused(endpoint));
  }

  @Test
  void refusesVeryLongEndpoints() {
    assertEquals(
        "argument 'endpoint': is longer than 2048 characters", refused("/" + "a".repeat(2048)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      /accounts/abc/intel/domain      | accounts/abc/intel/domain
      accounts/abc/intel/domain       | accounts/abc/intel/domain
      /accounts/abc/gateway/lists/    | accounts/abc/gateway/lists/
      /.well-known/x                  | .well-known/x
      /zones/a-b_c~d.e                | zones/a-b_c~d.e
      """)
  void acceptsPlainRelativePaths(String endpoint, String relative) {
    assertEquals(relative, SsrfGuard.relativePath("endpoint", endpoint));
  }

  @Test
  void methodsAreAllowListed() {
    assertEquals("DELETE", SsrfGuard.method("method", "delete"));
    for (String bad :
        new String[] {"HEAD", "OPTIONS", "TRACE", "CONNECT", "GET\r\n", "", "PROPFIND"}) {
      assertEquals(
          "argument 'method': must be one of GET, POST, PUT, PATCH, DELETE",
          assertThrows(ActionArgumentException.class, () -> SsrfGuard.method("method", bad))
              .getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Authorization             | the connector sends its own credentials
      authorization             | the connector sends its own credentials
      AUTHORIZATION             | the connector sends its own credentials
      Proxy-Authorization       | the connector sends its own credentials
      X-Auth-Key                | the connector sends its own credentials
      x-auth-key                | the connector sends its own credentials
      X-AUTH-KEY                | the connector sends its own credentials
      X-Auth-Email              | the connector sends its own credentials
      X-Auth-User-Service-Key   | the connector sends its own credentials
      X-Auth-Anything           | the connector sends its own credentials
      Cookie                    | the connector sends its own credentials
      Host                      | requests only go to the configured base URL
      host                      | requests only go to the configured base URL
      Forwarded                 | requests only go to the configured base URL
      X-Forwarded-Host          | requests only go to the configured base URL
      Connection                | the HTTP client manages it
      Transfer-Encoding         | the HTTP client manages it
      Content-Length            | the HTTP client manages it
      Upgrade                   | the HTTP client manages it
      TE                        | the HTTP client manages it
      X-HTTP-Method-Override    | it could turn the request into another method
      X-Method-Override         | it could turn the request into another method
      """)
  void refusesHeadersThatOverrideCredentialsTargetOrTransport(String name, String why) {
    ActionArgumentException e =
        assertThrows(
            ActionArgumentException.class, () -> SsrfGuard.headers("headers", Map.of(name, "v")));
    assertEquals(
        "argument 'headers': '" + name + "' cannot be set by the caller: " + why, e.getMessage());
  }

  @Test
  void refusesHeaderInjectionAndBadNames() {
    assertEquals(
        "argument 'headers': the value of header 'X-A' contains a line break or "
            + "control character",
        assertThrows(
                ActionArgumentException.class,
                () -> SsrfGuard.headers("headers", Map.of("X-A", "v\r\nAuthorization: Bearer x")))
            .getMessage());
    assertEquals(
        "argument 'headers': 'X A' is not a valid header name",
        assertThrows(
                ActionArgumentException.class,
                () -> SsrfGuard.headers("headers", Map.of("X A", "v")))
            .getMessage());
    assertEquals(
        "argument 'headers': 'X-A?' is not a valid header name",
        assertThrows(
                ActionArgumentException.class,
                () -> SsrfGuard.headers("headers", Map.of("X-A\n", "v")))
            .getMessage());
    assertThrows(
        ActionArgumentException.class,
        () -> SsrfGuard.headers("headers", Map.of("X-A", "caf\u00e9")));
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i <= SsrfGuard.MAX_HEADERS; i++) {
      many.put("X-H" + i, "v");
    }
    assertThrows(ActionArgumentException.class, () -> SsrfGuard.headers("headers", many));
    assertEquals(
        Map.of("X-Trace", "abc\tdef"), SsrfGuard.headers("headers", Map.of("X-Trace", "abc\tdef")));
  }

  @Test
  void queryParametersAreCheckedForControlCharacters() {
    assertEquals(
        Map.of("name", "a&b=c d", "q", "ü"),
        SsrfGuard.query("query_params", Map.of("name", "a&b=c d", "q", "ü")));
    assertThrows(
        ActionArgumentException.class,
        () -> SsrfGuard.query("query_params", Map.of("a", "x\r\ny")));
    assertThrows(
        ActionArgumentException.class, () -> SsrfGuard.query("query_params", Map.of("", "x")));
  }

  @Test
  void bodyIsCappedAndNeverOnGet() {
    SsrfGuard.body("body", "POST", "x".repeat(SsrfGuard.MAX_REQUEST_BODY_BYTES));
    assertEquals(
        "argument 'body': is larger than 262144 bytes",
        assertThrows(
                ActionArgumentException.class,
                () ->
                    SsrfGuard.body(
                        "body", "POST", "x".repeat(SsrfGuard.MAX_REQUEST_BODY_BYTES + 1)))
            .getMessage());
    assertEquals(
        "argument 'body': a GET request cannot carry a body",
        assertThrows(ActionArgumentException.class, () -> SsrfGuard.body("body", "GET", "{}"))
            .getMessage());
  }
}
