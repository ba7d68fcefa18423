package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.batoncf.Main;
import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Seeds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The action flags through the real command line, with captured output and exit codes. */
class ActionCliTest {

  record Run(int code, String out, String err) {
    JsonObject json() {
      return JsonParser.parseString(out).getAsJsonObject();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false),
            args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String errorLine(Run r) {
    return r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
  }

  @Test
  void demoActionPrintsItsResultAsJson() {
    Run r =
        run(
            "--demo",
            "--invoke-action",
            "get_ip_overview",
            "--invoke-action-args",
            "{\"ip\":\"203.0.113.7\"}");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.json().get("riskFound").getAsBoolean(), r::toString);
    assertEquals("EXAMPLE-HOSTING", r.json().get("asnDescription").getAsString());
    assertEquals("", errorLine(r));
  }

  @Test
  void badArgumentIsExitTwoWithOneLineNamingIt() {
    Run r =
        run(
            "--demo",
            "--invoke-action",
            "get_ip_overview",
            "--invoke-action-args",
            "{\"ip\":\"1.2.3\"}");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        "error: argument 'ip': '1.2.3' is not an IPv4 or IPv6 address (like "
            + "203.0.113.7 or 2001:db8::1)",
        errorLine(r));
    assertEquals("", r.out());
  }

  @Test
  void writeNeedsProvisioning() {
    Run refused =
        run(
            "--demo",
            "--invoke-action",
            "reset_user_risk_score",
            "--invoke-action-args",
            "{\"email\":\"ana.ruiz@acme.example\"}");
    assertEquals(2, refused.code(), refused::toString);
    assertTrue(
        errorLine(refused)
            .startsWith(
                "error: reset_user_risk_score changes Cloudflare "
                    + "and provisioning is not enabled, so nothing was sent"),
        refused::toString);
    Run done =
        run(
            "--demo",
            "-p",
            "--invoke-action",
            "reset_user_risk_score",
            "--invoke-action-args",
            "{\"email\":\"ana.ruiz@acme.example\"}");
    assertEquals(0, done.code(), done::toString);
    assertTrue(done.json().get("success").getAsBoolean());
  }

  @Test
  void offboardingActionsNeedProvisioningOnTheCli() {
    Run refused =
        run(
            "--demo",
            "--invoke-action",
            "revoke_access_sessions",
            "--invoke-action-args",
            "{\"email\":\"ana.ruiz@acme.example\"}");
    assertEquals(2, refused.code(), refused::toString);
    assertTrue(
        errorLine(refused)
            .startsWith(
                "error: revoke_access_sessions changes Cloudflare "
                    + "and provisioning is not enabled, so nothing was sent"),
        refused::toString);
    Run done =
        run(
            "--demo",
            "-p",
            "--invoke-action",
            "revoke_access_sessions",
            "--invoke-action-args",
            "{\"email\":\"ana.ruiz@acme.example\"}");
    assertEquals(0, done.code(), done::toString);
    assertTrue(done.json().get("success").getAsBoolean());
    Run app =
        run(
            "--demo",
            "-p",
            "--invoke-action",
            "revoke_app_tokens",
            "--invoke-action-args",
            "{\"app_id\":\"" + dev.batoncf.simulator.Seeds.DEMO_APP_GRAFANA + "\"}");
    assertEquals(0, app.code(), app::toString);
    assertTrue(app.json().get("found").getAsBoolean(), app::toString);
  }

  @Test
  void listsSchemasWithoutCredentials() {
    Run r = run("--list-action-schemas");
    assertEquals(0, r.code(), r::toString);
    JsonArray schemas = r.json().getAsJsonArray("schemas");
    List<String> names = new ArrayList<>();
    schemas.forEach(s -> names.add(s.getAsJsonObject().get("name").getAsString()));
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
        names);
    JsonObject ipArg =
        schemas.get(0).getAsJsonObject().getAsJsonArray("arguments").get(0).getAsJsonObject();
    assertEquals("ip", ipArg.get("name").getAsString());
    assertTrue(ipArg.get("isRequired").getAsBoolean());
    assertEquals(
        "WELL_KNOWN_STRING_IP",
        ipArg
            .getAsJsonObject("stringField")
            .getAsJsonObject("rules")
            .get("wellKnown")
            .getAsString());
  }

  @Test
  void usageMistakesAreExitTwo() {
    assertEquals(
        "error: unknown action 'nope'; the actions are get_ip_overview, "
            + "get_domain_overview, get_user_risk_score, reset_user_risk_score, "
            + "create_risk_integration, list_risk_integrations, get_risk_integration, "
            + "update_risk_integration, delete_risk_integration, revoke_access_sessions, "
            + "revoke_app_tokens, custom_api_call",
        errorLine(run("--demo", "--invoke-action", "nope")));
    Run badJson =
        run("--demo", "--invoke-action", "get_ip_overview", "--invoke-action-args", "{ip:");
    assertEquals(2, badJson.code());
    assertEquals(
        "error: --invoke-action-args must be one JSON object, e.g. " + "{\"ip\":\"203.0.113.7\"}",
        errorLine(badJson));
    assertEquals(2, run("--demo", "--invoke-action-args", "{}").code());
    assertEquals(2, run("--demo", "--list-action-schemas", "--invoke-action", "x").code());
    assertEquals(
        2,
        run(
                "--demo",
                "--invoke-action",
                "get_ip_overview",
                "--revoke-grant",
                "role:r:member:user:u")
            .code());
    assertEquals(2, run("--demo", "--dry-run", "--invoke-action", "list_risk_integrations").code());
  }

  @Test
  void customWriteAgainstAConfiguredAccountSendsNothingWithoutProvisioning() {
    try (CfSimulator sim = CfSimulator.start(Seeds.demo())) {
      String args =
          "{\"endpoint\":\"/accounts/"
              + Seeds.DEMO_ACCOUNT_ID
              + "/zt_risk_scoring/integrations/"
              + Seeds.DEMO_INTEGRATION_OKTA
              + "\",\"method\":\"DELETE\"}";
      Run refused =
          run(
              "--base-url",
              sim.baseUrl(),
              "--account-id",
              Seeds.DEMO_ACCOUNT_ID,
              "--api-token",
              Seeds.DEMO_API_TOKEN,
              "--invoke-action",
              "custom_api_call",
              "--invoke-action-args",
              args);
      assertEquals(2, refused.code(), refused::toString);
      assertEquals(0, sim.requests().total());

      Run done =
          run(
              "--base-url",
              sim.baseUrl(),
              "--account-id",
              Seeds.DEMO_ACCOUNT_ID,
              "--api-token",
              Seeds.DEMO_API_TOKEN,
              "-p",
              "--invoke-action",
              "custom_api_call",
              "--invoke-action-args",
              args);
      assertEquals(0, done.code(), done::toString);
      assertEquals(200, done.json().get("statusCode").getAsInt());
      assertTrue(sim.account().integrations().isEmpty());
      assertFalse(done.out().contains(Seeds.DEMO_API_TOKEN));
      assertFalse(done.err().contains(Seeds.DEMO_API_TOKEN));
    }
  }
}
