package dev.batoncf.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.pb.config.v1.Field;
import dev.batoncf.pb.connector.v2.BatonActionSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argument validation of every action, without any I/O: {@code prepare} either accepts the
 * arguments (and says whether the call writes) or names the first bad argument.
 */
class ActionArgumentsTest {
  private static final String UUID = "0b6c2f7e-4d1a-4e39-8a55-2c6f0e9d1a77";
  private final ActionRegistry registry = ActionRegistry.standard();

  private static JsonObject json(String s) {
    return JsonParser.parseString(s.replace("<uuid>", UUID)).getAsJsonObject();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      get_ip_overview         | {}                                         | ip             | is required
      get_ip_overview         | {"ip":""}                                  | ip             | is required
      get_ip_overview         | {"ip":null}                                | ip             | is required
      get_ip_overview         | {"ip":7}                                   | ip             | must be a string
      get_ip_overview         | {"ip":"999.1.1.1"}                         | ip             | '999.1.1.1' is not an IPv4 or IPv6 address (like 203.0.113.7 or 2001:db8::1)
      get_ip_overview         | {"ip":"01.2.3.4"}                          | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"1.2.3"}                             | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":" 1.2.3.4"}                          | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"1.2.3.4\\n"}                        | ip             | '1.2.3.4?' is not an IPv4
      get_ip_overview         | {"ip":"1::2::3"}                           | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"2001:db8::g"}                       | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"[::1]"}                             | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"fe80::1%eth0"}                      | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"1.2.3.4::"}                         | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"1:2:3:4:5:6:7:8:9"}                 | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"1:2:3:4:5:6:7"}                     | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":":1:2:3:4:5:6:7"}                    | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"localhost"}                         | ip             | is not an IPv4 or IPv6 address
      get_ip_overview         | {"ip":"1.2.3.4","extra":1}                 | extra          | unknown; get_ip_overview takes ip
      get_domain_overview     | {}                                         | domain         | is required
      get_domain_overview     | {"domain":"https://example.com"}           | domain         | give a bare domain name like example.com, not a URL or address
      get_domain_overview     | {"domain":"user@example.com"}              | domain         | give a bare domain name
      get_domain_overview     | {"domain":"example"}                       | domain         | needs a name and a top-level domain, like example.com
      get_domain_overview     | {"domain":"example.123"}                   | domain         | needs a name and a top-level domain
      get_domain_overview     | {"domain":"exa mple.com"}                  | domain         | is not a valid domain name
      get_domain_overview     | {"domain":"-bad.example"}                  | domain         | is not a valid domain name
      get_domain_overview     | {"domain":"a..example"}                    | domain         | is not a valid domain name
      get_domain_overview     | {"domain":"203.0.113.7"}                   | domain         | is an IP address; use get_ip_overview for those
      get_user_risk_score     | {}                                         | email          | is required
      get_user_risk_score     | {"email":"not-an-email"}                   | email          | 'not-an-email' is not an email address like user@example.com
      get_user_risk_score     | {"email":"a@b@example.com"}                | email          | is not an email address
      get_user_risk_score     | {"email":".a@example.com"}                 | email          | is not an email address
      get_user_risk_score     | {"email":"a b@example.com"}                | email          | is not an email address
      get_user_risk_score     | {"email":"a@localhost"}                    | email          | needs a name and a top-level domain
      reset_user_risk_score   | {"email":["x@example.com"]}                | email          | must be a string
      create_risk_integration | {}                                         | tenant_url     | is required
      create_risk_integration | {"tenant_url":"http://t.okta.com"}         | tenant_url     | must use https
      create_risk_integration | {"tenant_url":"https://t.okta.com "}       | tenant_url     | must be a URL without spaces or control characters
      create_risk_integration | {"tenant_url":"notaurl"}                   | tenant_url     | is not a valid URL
      create_risk_integration | {"tenant_url":"https://u:p@t.okta.com"}    | tenant_url     | must not contain user:password@
      create_risk_integration | {"tenant_url":"https://t.okta.com","integration_type":"AzureAD"} | integration_type | must be Okta, the only integration type Cloudflare supports
      create_risk_integration | {"tenant_url":"https://t.okta.com","reference_id":"../x"}       | reference_id     | must be 1–128 letters
      create_risk_integration | {"tenant_url":"https://t.okta.com","reference_id":".."}         | reference_id     | must be 1–128 letters
      list_risk_integrations  | {"id":"x"}                                 | id             | unknown; list_risk_integrations takes no arguments
      get_risk_integration    | {}                                         | id             | give id or reference_id
      get_risk_integration    | {"id":"<uuid>","reference_id":"r"}         | reference_id   | give only one of id, reference_id
      get_risk_integration    | {"id":"not-a-uuid"}                        | id             | 'not-a-uuid' is not a UUID
      update_risk_integration | {"active":true}                            | id             | is required
      update_risk_integration | {"id":"<uuid>"}                            | active         | give active or tenant_url or reference_id
      update_risk_integration | {"id":"<uuid>","active":"yes"}             | active         | must be true or false
      update_risk_integration | {"id":"<uuid>","tenant_url":"ftp://x.example"} | tenant_url | must use https
      delete_risk_integration | {}                                         | id             | is required
      delete_risk_integration | {"id":"0b6c2f7e4d1a4e398a552c6f0e9d1a77"}  | id             | is not a UUID
      revoke_access_sessions  | {}                                         | email          | is required
      revoke_access_sessions  | {"email":"not-an-email"}                   | email          | is not an email address
      revoke_app_tokens       | {}                                         | app_id         | is required
      revoke_app_tokens       | {"app_id":"../apps"}                       | app_id         | is not an Access application id
      revoke_app_tokens       | {"app_id":"0c1a2b3c4d5e46f78a9b0c1d2e3f4a5"} | app_id       | is not an Access application id
      custom_api_call         | {"method":"GET"}                           | endpoint       | is required
      custom_api_call         | {"endpoint":"/x"}                          | method         | is required
      custom_api_call         | {"endpoint":"/x","method":"HEAD"}          | method         | must be one of GET, POST, PUT, PATCH, DELETE
      custom_api_call         | {"endpoint":"/x","method":"TRACE"}         | method         | must be one of GET, POST, PUT, PATCH, DELETE
      custom_api_call         | {"endpoint":"/x","method":"GET ","body":{}} | method        | must be one of
      custom_api_call         | {"endpoint":"/x","method":"GET","body":{"a":1}} | body      | a GET request cannot carry a body
      custom_api_call         | {"endpoint":"/x","method":"POST","body":"{not json"} | body | is not valid JSON
      custom_api_call         | {"endpoint":"/x","method":"POST","body":"42"}  | body       | must hold a JSON object or array
      custom_api_call         | {"endpoint":"/x","method":"POST","body":"{} {}"} | body     | is not valid JSON
      custom_api_call         | {"endpoint":"/x","method":"POST","body":true}  | body       | must be a JSON object or array, or a string holding one
      custom_api_call         | {"endpoint":"/x","method":"GET","query_params":"a=b"} | query_params | must be an object of names to values
      custom_api_call         | {"endpoint":"/x","method":"GET","query_params":{"a":{"b":1}}} | query_params | the value of 'a' must be a string, number or boolean
      custom_api_call         | {"endpoint":"/x","method":"GET","headers":[{"value":"v"}]} | headers | every item needs a non-empty "key"
      custom_api_call         | {"endpoint":"/x","method":"GET","headers":["X-A: b"]}      | headers | list items must be
      """)
  void refusesBadArguments(String action, String args, String argument, String problem) {
    ActionArgumentException e =
        assertThrows(
            ActionArgumentException.class, () -> registry.prepare(action, json(args), true));
    assertEquals(argument, e.argument());
    assertTrue(e.getMessage().startsWith("argument '" + argument + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().indexOf('\n') < 0, "one line");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      get_ip_overview         | {"ip":"203.0.113.7"}                          | false
      get_ip_overview         | {"ip":"255.255.255.255"}                      | false
      get_ip_overview         | {"ip":"::"}                                   | false
      get_ip_overview         | {"ip":"::1"}                                  | false
      get_ip_overview         | {"ip":"::ffff:192.0.2.1"}                     | false
      get_ip_overview         | {"ip":"2001:DB8:0:0:0:0:0:1"}                 | false
      get_ip_overview         | {"ip":"1:2:3:4:5:6:192.0.2.1"}                | false
      get_domain_overview     | {"domain":"example.com."}                     | false
      get_domain_overview     | {"domain":"xn--bcher-kva.example"}            | false
      get_user_risk_score     | {"email":"first.last+tag@sub.example.co.uk"}  | false
      reset_user_risk_score   | {"email":"a@example.com"}                     | true
      create_risk_integration | {"tenant_url":"https://t.okta.com","integration_type":"okta","reference_id":""} | true
      list_risk_integrations  | {}                                            | false
      get_risk_integration    | {"reference_id":"idp:okta.1"}                 | false
      get_risk_integration    | {"id":"0B6C2F7E-4D1A-4E39-8A55-2C6F0E9D1A77","reference_id":null} | false
      update_risk_integration | {"id":"<uuid>","active":false}                | true
      delete_risk_integration | {"id":"<uuid>"}                               | true
      revoke_access_sessions  | {"email":"a@example.com"}                     | true
      revoke_app_tokens       | {"app_id":"0C1A2B3C4D5E46F78A9B0C1D2E3F4A5B"} | true
      revoke_app_tokens       | {"app_id":"<uuid>"}                           | true
      custom_api_call         | {"endpoint":"/accounts/x/intel/ip","method":"GET"} | false
      custom_api_call         | {"endpoint":"/accounts/x/intel/ip","method":"get","query_params":{"ipv4":"1.2.3.4"}} | false
      custom_api_call         | {"endpoint":"accounts/x/","method":"delete"}  | true
      custom_api_call         | {"endpoint":"/.well-known/x","method":"PATCH","body":[]} | true
      custom_api_call         | {"endpoint":"/x","method":"POST","body":"{\\"a\\":1}","headers":{"X-Trace":"1"}} | true
      """)
  void acceptsGoodArgumentsAndKnowsWhichWrite(String action, String args, boolean writes) {
    PreparedAction p = registry.prepare(action, json(args), true);
    assertEquals(action, p.name());
    assertEquals(writes, p.writes());
  }

  @Test
  void writesAreRefusedWithoutProvisioningAfterTheArgumentsAreChecked() {
    WriteRefusedException e =
        assertThrows(
            WriteRefusedException.class,
            () -> registry.prepare("delete_risk_integration", json("{\"id\":\"<uuid>\"}"), false));
    assertEquals(
        "delete_risk_integration changes Cloudflare and provisioning is not enabled, so "
            + "nothing was sent: add -p/--provisioning (or BATON_PROVISIONING=true) to allow writes",
        e.getMessage());
    // a bad argument is reported first, even for a write
    assertThrows(
        ActionArgumentException.class,
        () -> registry.prepare("delete_risk_integration", json("{\"id\":\"x\"}"), false));
    // a GET custom call is a read, a POST a write
    registry.prepare("custom_api_call", json("{\"endpoint\":\"/x\",\"method\":\"GET\"}"), false);
    assertThrows(
        WriteRefusedException.class,
        () ->
            registry.prepare(
                "custom_api_call", json("{\"endpoint\":\"/x\",\"method\":\"POST\"}"), false));
  }

  @Test
  void unknownActionNamesTheKnownOnes() {
    UnknownActionException e =
        assertThrows(
            UnknownActionException.class, () -> registry.prepare("get_ip", new JsonObject(), true));
    assertTrue(
        e.getMessage()
            .startsWith(
                "unknown action 'get_ip'; the actions are "
                    + "get_ip_overview, get_domain_overview,"),
        e.getMessage());
  }

  @Test
  void everyActionHasASchemaWithDescribedArgumentsAndResults() {
    assertEquals(
        List.of(
            "get_ip_overview",
            "get_domain_overview",
            "get_user_risk_score",
            "reset_user_risk_score",
            "create_risk_integration",
            "list_risk_integrations",
            "get_risk_integration",
            "update_risk_integration",
            "delete_risk_integration",
            "revoke_access_sessions",
            "revoke_app_tokens",
            "custom_api_call"),
        registry.names());
    for (BatonActionSchema s : registry.schemas()) {
      assertTrue(!s.getDisplayName().isEmpty() && !s.getDescription().isEmpty(), s.getName());
      assertTrue(s.getReturnTypesCount() > 0, s.getName());
      for (Field f : s.getArgumentsList()) {
        assertTrue(
            f.getFieldCase() != Field.FieldCase.FIELD_NOT_SET, s.getName() + "." + f.getName());
        assertTrue(!f.getDescription().isEmpty(), s.getName() + "." + f.getName());
      }
    }
    BatonActionSchema ip = registry.schema("get_ip_overview").orElseThrow();
    assertEquals("ip", ip.getArguments(0).getName());
    assertTrue(ip.getArguments(0).getIsRequired());
    BatonActionSchema custom = registry.schema("custom_api_call").orElseThrow();
    assertEquals(
        List.of("GET", "POST", "PUT", "PATCH", "DELETE"),
        custom.getArguments(1).getStringField().getRules().getInList());
  }

  @Test
  void writeActionsSayTheyNeedProvisioning() {
    for (String name :
        List.of(
            "reset_user_risk_score",
            "create_risk_integration",
            "update_risk_integration",
            "delete_risk_integration",
            "custom_api_call")) {
      assertTrue(registry.schema(name).orElseThrow().getDescription().contains("(-p)"), name);
    }
  }
}
