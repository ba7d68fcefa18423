package dev.batoncf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batoncf.simulator.CfSimulator;
import dev.batoncf.simulator.Paths;
import dev.batoncf.simulator.Seeds;
import dev.batoncf.simulator.SimAccount;
import dev.batoncf.support.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code validate} against the simulator, with permissions denied per endpoint. */
class ValidateCliTest {

  private static CliRun validate(SimAccount account) {
    try (CfSimulator sim = CfSimulator.start(account)) {
      CliRun r = CliRun.run(ProvisioningCliTest.ENV, "validate", "--base-url", sim.baseUrl());
      // one request per list, at the smallest page: the check is cheap
      assertTrue(sim.requests().total() <= 12, "requests: " + sim.requests().total());
      return r;
    }
  }

  private static String line(CliRun r, String list) {
    return r.out()
        .lines()
        .filter(l -> l.contains(" " + list + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + list + "\n" + r.out()));
  }

  @Test
  void everyListTheSyncReadsIsProbedAndReportedPerResourceType() {
    CliRun r = validate(Seeds.demo());
    assertEquals(0, r.code(), r.both());
    for (String list :
        List.of(
            "account",
            "roles",
            "members",
            "api tokens",
            "risk scores",
            "access users",
            "access groups",
            "zero trust lists",
            "access apps")) {
      assertTrue(line(r, list).endsWith(" ok"), line(r, list));
    }
    assertTrue(line(r, "access apps").startsWith("access_app "), line(r, "access apps"));
    assertTrue(line(r, "access apps").contains("'Access: Apps and Policies Read'"));
    assertTrue(line(r, "iam user groups").contains("'Account Settings Read'"));
  }

  @Test
  void aMissingOptionalPermissionIsReportedAndStillPasses() {
    CliRun r =
        validate(
            Seeds.demo()
                .denyEndpoint("GET", Paths.ACCESS_APPS)
                .denyEndpoint("GET", Paths.ACCESS_USERS));
    assertEquals(0, r.code(), r.both());
    assertTrue(
        line(r, "access apps").endsWith(" missing (that part is skipped)"), line(r, "access apps"));
    assertTrue(line(r, "access users").endsWith(" missing (that part is skipped)"));
    assertTrue(line(r, "access groups").endsWith(" ok"));
  }

  @Test
  void aMissingRequiredPermissionFailsWithExitOne() {
    CliRun r = validate(Seeds.demo().denyEndpoint("GET", Paths.MEMBERS));
    assertEquals(1, r.code(), r.both());
    assertTrue(line(r, "members").endsWith(" missing, required"), line(r, "members"));
    assertTrue(line(r, "roles").endsWith(" ok"));
    assertEquals(
        List.of(
            "error: the credential lacks a permission the sync requires (marked "
                + "'missing, required' above)"),
        r.errorLines());
  }
}
