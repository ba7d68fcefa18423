package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.support.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User-group and resource-group provisioning from the CLI flags, with --scim-groups. */
class IamProvisioningCliTest {
  static final Map<String, String> ENV =
      Map.of(
          "BATON_API_TOKEN",
          Seeds.DEMO_API_TOKEN,
          "BATON_ACCOUNT_ID",
          Seeds.DEMO_ACCOUNT_ID,
          "BATON_SCIM_GROUPS",
          "okta-*");

  @TempDir Path dir;
  CfSimulator sim;

  @BeforeEach
  void start() {
    sim = CfSimulator.start(Seeds.demo());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private CliRun run(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--base-url", sim.baseUrl(), "-f", dir.resolve("none.c1z").toString()));
    all.addAll(List.of(args));
    return CliRun.run(ENV, all.toArray(String[]::new));
  }

  private String user(String email) {
    return sim.account().memberByEmail(email).orElseThrow().user().id();
  }

  @Test
  void aResourceGroupPermissionIsGrantedByItsPermissionGroupSlug() {
    String ent =
        "resource_group:" + Seeds.RESOURCE_GROUP_ZONE + ":" + Seeds.PERMISSION_GROUP_ANALYTICS;
    String mei = user("meiling.lin@acme.example");
    CliRun dry =
        run(
            "--grant-entitlement",
            ent,
            "--grant-principal-type",
            "user",
            "--grant-principal",
            mei,
            "--dry-run");
    assertEquals(0, dry.code(), dry.both());
    assertTrue(dry.out().startsWith("would grant " + ent + " to user:" + mei), dry.out());
    assertTrue(
        dry.out()
            .contains(
                "  would send: PUT /accounts/"
                    + Seeds.DEMO_ACCOUNT_ID
                    + "/members/"
                    + Seeds.DEMO_MEMBER_POLICY_MEI
                    + " {\"policies\":["),
        dry.out());
    assertEquals(0, sim.requests().count("PUT", Paths.MEMBER));
    CliRun done =
        run(
            "--grant-entitlement",
            ent,
            "--grant-principal-type",
            "user",
            "--grant-principal",
            mei,
            "-p");
    assertEquals(0, done.code(), done.both());
    assertEquals(1, sim.requests().count("PUT", Paths.MEMBER));
    CliRun revoke = run("--revoke-grant", ent + ":user:" + mei, "-p");
    assertEquals(0, revoke.code(), revoke.both());
    assertEquals(
        2, sim.account().member(Seeds.DEMO_MEMBER_POLICY_MEI).orElseThrow().policies().size());
  }

  @Test
  void removingSomeoneFromAScimGroupIsRefusedWithExitOneAndTheReason() {
    CliRun r =
        run(
            "--revoke-grant",
            "user_group:"
                + Seeds.DEMO_USER_GROUP_OKTA_FINANCE
                + ":member:user:"
                + user("zoe.orsted@acme.example"),
            "-p");
    assertEquals(1, r.code(), r.both());
    assertTrue(
        r.err()
            .contains(
                "error: refused: user group okta-finance is managed by the "
                    + "identity provider through SCIM (it matches the SCIM-managed pattern 'okta-*' "
                    + "(--scim-groups))"),
        r.err());
    assertEquals(0, sim.requests().count("DELETE", Paths.USER_GROUP_MEMBER));
  }

  @Test
  void aBadSlugIsBadInputWithExitTwo() {
    CliRun r =
        run(
            "--grant-entitlement",
            "user_group:" + Seeds.DEMO_USER_GROUP_ONCALL + ":owner",
            "--grant-principal-type",
            "user",
            "--grant-principal",
            user("ana.ruiz@acme.example"),
            "-p");
    assertEquals(2, r.code(), r.both());
    assertTrue(r.err().contains("--grant-entitlement must look like"), r.err());
  }
}
